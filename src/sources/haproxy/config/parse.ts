// haproxy.cfg → HaproxyConfig. Pure: text in, model out, 1-based line numbers everywhere, ParseError (with the
// line) on what HAProxy itself would refuse to load in the parts lbtop models. Keywords lbtop does not model are
// kept as tokenized lines on their section, never rejected: a newer HAProxy keyword must not break the parser.
import { ParseError } from '../../../model/errors.js';
import type { GlobalSection, HaproxyConfig, ProxyKind, ProxySection, RequestRule } from '../../../model/haproxy-config.js';
import { parseAclBody, splitCondition } from './acl.js';
import { parseBind, parseDefaultServer, parseServer, parseStatsSocket } from './keywords.js';
import { parseLogFormat } from './sample-expr.js';
import { tokenizeConfig, type TokenizeOptions } from './tokenize.js';

const NBSP = '\u00a0';
const PROXY_KINDS = new Set<string>(['defaults', 'frontend', 'backend', 'listen']);
const OTHER_SECTIONS = new Set(['resolvers', 'peers', 'userlist', 'program', 'cache', 'ring', 'http-errors', 'mailers', 'log-forward', 'crt-store', 'traces']);

type Current = { kind: 'global'; section: GlobalSection } | { kind: 'proxy'; section: ProxySection } | { kind: 'other' } | null;

/**
 * The defaults sections seen so far: the last one (inherited implicitly) and the first of each name (`from NAME`).
 * Kept beside the proxy list rather than filtered out of it for every new section, which made 50,000 sections
 * take seconds.
 */
interface DefaultsSeen {
  last: ProxySection | undefined;
  byName: Map<string, ProxySection>;
}

export function parseHaproxyConfig(text: string, options: TokenizeOptions = {}): HaproxyConfig {
  const config: HaproxyConfig = { global: null, proxies: [], otherSections: [] };
  const defaults: DefaultsSeen = { last: undefined, byName: new Map() };
  let current: Current = null;
  for (const { line, words } of tokenizeConfig(text, options)) {
    const [keyword] = words as [string, ...string[]];
    // HAProxy splits words on spaces and tabs only: a line indented with no-break spaces (a config copied from a
    // web page, seed 003) starts with an unknown keyword, which HAProxy refuses. Skipping it would hide servers.
    if (keyword.includes(NBSP)) {
      const shown = keyword.replaceAll(NBSP, '\\u00a0');
      throw new ParseError(`no-break space (U+00A0) in "${shown}": HAProxy splits on spaces and tabs only, reads it as part of the keyword and refuses the line`, line);
    }
    if (keyword === 'global') {
      config.global ??= { line, statsSockets: [], lines: [] };
      current = { kind: 'global', section: config.global };
    } else if (PROXY_KINDS.has(keyword)) {
      current = { kind: 'proxy', section: newProxy(defaults, keyword as ProxyKind, words, line) };
      config.proxies.push(current.section);
      if (keyword === 'defaults') {
        defaults.last = current.section;
        if (!defaults.byName.has(current.section.name)) defaults.byName.set(current.section.name, current.section);
      }
    } else if (OTHER_SECTIONS.has(keyword)) {
      config.otherSections.push({ kind: keyword, name: words[1] ?? '', line });
      current = { kind: 'other' };
    } else if (current === null) {
      throw new ParseError(`"${keyword}" appears before any section (global, defaults, frontend, backend, listen)`, line);
    } else if (current.kind === 'global') {
      current.section.lines.push({ line, words });
      if (keyword === 'stats' && words[1] === 'socket') current.section.statsSockets.push(parseStatsSocket(words.slice(2), line));
    } else if (current.kind === 'proxy') {
      current.section.lines.push({ line, words });
      proxyLine(current.section, words, line);
    }
  }
  return config;
}

function newProxy(defaults: DefaultsSeen, kind: ProxyKind, words: string[], line: number): ProxySection {
  const name = words[1] ?? '';
  if (!name && kind !== 'defaults') throw new ParseError(`"${kind}" needs a name`, line);
  const fromAt = words.indexOf('from');
  let parent: ProxySection | undefined;
  if (fromAt >= 0) {
    const wanted = words[fromAt + 1];
    parent = wanted === undefined ? undefined : defaults.byName.get(wanted);
    if (!parent) throw new ParseError(`${kind} "${name}" inherits from unknown defaults "${wanted ?? ''}"`, line);
  } else if (kind !== 'defaults') parent = defaults.last;
  return {
    kind,
    name,
    line,
    mode: null,
    effectiveMode: parent?.effectiveMode ?? 'tcp',
    defaultsName: parent ? parent.name : null,
    binds: [],
    acls: [],
    useBackend: [],
    defaultBackend: null,
    requestRules: [],
    servers: [],
    defaultServer: null,
    disabled: false,
    lines: [],
  };
}

function proxyLine(proxy: ProxySection, words: string[], line: number): void {
  const [keyword, ...rest] = words as [string, ...string[]];
  const notIn = (kinds: ProxyKind[]) => {
    if (kinds.includes(proxy.kind)) throw new ParseError(`"${keyword}" is not allowed in a ${proxy.kind} section`, line);
  };
  switch (keyword) {
    case 'mode': {
      const mode = rest[0];
      if (mode !== 'http' && mode !== 'tcp' && mode !== 'health') throw new ParseError(`unknown mode "${mode ?? ''}"`, line);
      if (mode !== 'health') proxy.mode = proxy.effectiveMode = mode;
      return;
    }
    case 'disabled':
      proxy.disabled = true;
      return;
    case 'bind':
      notIn(['backend', 'defaults']);
      proxy.binds.push(parseBind(rest, line));
      return;
    case 'acl': {
      const [name, ...body] = rest;
      if (!name) throw new ParseError('"acl" needs a name and a criterion', line);
      if (!/^[A-Za-z0-9_.:-]+$/.test(name)) throw new ParseError(`invalid ACL name "${name}"`, line);
      proxy.acls.push(parseAclBody(name, body, line));
      return;
    }
    case 'use_backend': {
      notIn(['backend', 'defaults']);
      const { head, condition } = splitCondition(rest, line);
      const target = head[0];
      if (!target || head.length > 1) throw new ParseError(`"use_backend" expects one backend name${head.length > 1 ? ` (got "${head.join(' ')}")` : ''}`, line);
      const dynamic = target.includes('%[') ? parseLogFormat(target, line) : null;
      proxy.useBackend.push({ line, target, dynamic, condition });
      return;
    }
    case 'default_backend':
      notIn(['backend']);
      if (rest.length !== 1) throw new ParseError('"default_backend" expects one backend name', line);
      proxy.defaultBackend = { line, name: rest[0]! };
      return;
    case 'http-request':
    case 'tcp-request':
      requestRule(proxy, keyword, rest, line);
      return;
    case 'server':
      notIn(['frontend', 'defaults']);
      proxy.servers.push(parseServer(rest, line));
      return;
    case 'default-server':
      notIn(['frontend']);
      proxy.defaultServer = parseDefaultServer(rest, line);
      return;
  }
}

function requestRule(proxy: ProxySection, keyword: 'http-request' | 'tcp-request', rest: string[], line: number): void {
  let directive: RequestRule['directive'] = 'http-request';
  let body = rest;
  if (keyword === 'tcp-request') {
    const layer = rest[0];
    if (layer === 'inspect-delay') return;
    if (layer !== 'content' && layer !== 'connection' && layer !== 'session') {
      throw new ParseError(`"tcp-request" expects content, connection, session or inspect-delay, got "${layer ?? ''}"`, line);
    }
    directive = `tcp-request ${layer}`;
    body = rest.slice(1);
  }
  const { head, condition } = splitCondition(body, line);
  const [action, ...args] = head;
  if (!action) throw new ParseError(`"${directive}" needs an action`, line);
  proxy.requestRules.push({ line, directive, action, args, condition, files: referencedFiles(body) });
}

/** Map and ACL files named by a rule's words: `map_dom(FILE,...)`, `map(FILE)`, `-f FILE`. */
function referencedFiles(words: string[]): string[] {
  const files: string[] = [];
  words.forEach((word, i) => {
    if (word === '-f' && words[i + 1]) files.push(words[i + 1]!);
    for (const m of word.matchAll(/\bmap(?:_[a-z]+)*\(([^,)]+)/g)) files.push(m[1]!);
  });
  return files;
}
