// `dockhand rules` — placeholder until its issue lands; reports that it is not available yet.
import type { Command } from '../command.js';
import { CliError } from '../io.js';

const command: Command = {
  command: 'rules',
  describe: '(rules is not available in this build yet)',
  builder: (y) => y,
  run: async () => {
    throw new CliError('rules is not available in this build yet');
  },
};
export default command;
