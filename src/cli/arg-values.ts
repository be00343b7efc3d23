// Value parsers shared by the subcommands' options: a repeatable option, and a word that must stay one line
// (it ends up in a runtime-API command or an audit line, where a newline would start another).
import { InvalidArgumentError } from 'commander';

export const collect = (value: string, previous: string[] = []) => [...previous, value];

export function oneLine(what: string) {
  return (value: string) => {
    if (/[\r\n\0]/.test(value)) throw new InvalidArgumentError(`${what} must be a single line without NUL`);
    return value;
  };
}
