// `-s PATH` / `-s NAME=PATH` (hatop's -s, repeatable) → named LBs.
import path from 'node:path';

export interface SocketFlag {
  name: string;
  /** Absolute: resolved against the working directory lbtop was started in. */
  socket: string;
}

/**
 * Names come from `NAME=` or from the file name (`/run/haproxy/admin.sock` → `admin`); a derived name that is
 * taken gets `-2`, `-3` in argv order, so the same command line always gives the same names. `NAME=` is only
 * recognised when NAME has no '/', so `-s /tmp/a=b.sock` stays a path.
 */
export function parseSocketFlags(values: readonly string[], cwd: string): { sockets: SocketFlag[]; errors: string[] } {
  const errors: string[] = [];
  const split = values.map((value) => {
    const m = /^([^/=]+)=(.*)$/.exec(value);
    return { value, name: m?.[1], file: path.resolve(cwd, m ? m[2]! : value), empty: m ? m[2] === '' : value === '' };
  });
  const taken = new Set<string>();
  for (const { value, name, empty } of split) {
    if (empty) errors.push(`-s ${value}: missing socket path`);
    if (name === undefined) continue;
    if (taken.has(name)) errors.push(`-s ${value}: LB name "${name}" given twice`);
    taken.add(name);
  }
  const sockets = split.map(({ name, file }) => {
    if (name !== undefined) return { name, socket: file };
    const base = derivedName(file);
    let derived = base;
    for (let n = 2; taken.has(derived); n++) derived = `${base}-${n}`;
    taken.add(derived);
    return { name: derived, socket: file };
  });
  return { sockets, errors };
}

/** A name that fits the schema's LB name pattern whatever the file is called. */
function derivedName(file: string): string {
  const name = path.parse(file).name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return name || 'lb';
}
