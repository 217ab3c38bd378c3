// A minimal LSP client over a child process's stdio (Content-Length framing, JSON-RPC), for the
// language-server tests and the LSP benchmark.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';

export interface Message {
  id?: number;
  method?: string;
  params?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  result?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  error?: { message: string };
}

/** A minimal LSP client over a child's stdio. */
export class LspClient {
  private buf = Buffer.alloc(0);
  private nextId = 1;
  private waiters: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  readonly seen: Message[] = [];
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (d: Buffer) => this.data(d));
    this.exited = new Promise((r) => child.on('exit', (code) => r(code)));
  }

  private data(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const head = this.buf.indexOf('\r\n\r\n');
      if (head < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(this.buf.subarray(0, head).toString())![1]);
      if (this.buf.length < head + 4 + len) return;
      const msg = JSON.parse(this.buf.subarray(head + 4, head + 4 + len).toString('utf8')) as Message;
      this.buf = this.buf.subarray(head + 4 + len);
      this.seen.push(msg);
      // Server-to-client requests (registrations, configuration) get an empty answer.
      if (msg.id !== undefined && msg.method) this.send({ id: msg.id, result: null });
      for (const w of [...this.waiters]) {
        if (w.match(msg)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(msg);
        }
      }
    }
  }

  send(msg: Message): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  wait(match: (m: Message) => boolean, what: string): Promise<Message> {
    const hit = this.seen.find(match);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 10_000);
      this.waiters.push({ match, resolve: (m) => (clearTimeout(t), resolve(m)) });
    });
  }

  async request(method: string, params: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const id = this.nextId++;
    this.send({ id, method, params });
    const reply = await this.wait((m) => m.id === id && !m.method, method);
    if (reply.error) throw new Error(reply.error.message);
    return reply.result;
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  /** The next publishDiagnostics for `uri` after this call (for servers that send no version). */
  nextDiagnostics(uri: string): Promise<Message> {
    const from = this.seen.length;
    return this.wait((m) => this.seen.indexOf(m) >= from && m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri, `diagnostics for ${uri}`);
  }

  diagnosticsFor(uri: string, version: number): Promise<Message> {
    return this.wait((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === version, `diagnostics of version ${version}`);
  }
}

