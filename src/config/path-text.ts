// A config path as text (`lbs.lb1.haproxy.socket`, `clusters[0]`): in messages about the file and about flags.
// Apart from yaml-doc.ts so that checking flags does not load the YAML parser.
/** A path into the data: map keys and sequence indexes, as Ajv's instancePath names them. */
export type Segment = string | number;

/** `lbs.lb1.haproxy`, `clusters.k8s01.backends[2]`; keys with spaces or empty keys are quoted. */
export function formatPath(path: readonly Segment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += (out ? '.' : '') + (/^[^\s"]+$/.test(seg) ? seg : JSON.stringify(seg));
  }
  return out;
}
