// One wording for file-system errors, everywhere a command names one: the system's own (strerror),
// in lower case, so `dockhand: cannot read x: no such file or directory` reads like cat's or ls's.

/** A short reason for a file-system error; an error without a known code keeps its own message. */
export function errnoReason(err: unknown): string {
  switch ((err as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ENOTDIR': return 'not a directory';
    case 'ELOOP': return 'too many levels of symbolic links';
    case 'ENAMETOOLONG': return 'file name too long';
    case 'ENOSPC': return 'no space left on device';
    case 'EDQUOT': return 'disk quota exceeded';
    case 'EFBIG': return 'file too large';
    case 'EIO': return 'input/output error';
    default: return (err as Error | undefined)?.message ?? String(err);
  }
}
