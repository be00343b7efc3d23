// The man page's prose that is not in the command line or the keymap: environment, files, examples. The examples
// are argv arrays so test/install/man-page.test.ts can parse each one with args.ts: an example that stops parsing
// fails the test.

export const ENVIRONMENT: readonly [string, string][] = [
  ['XDG_CONFIG_HOME', 'where the default config file is looked for first ($XDG_CONFIG_HOME/lbtop/config.yaml)'],
  ['XDG_STATE_HOME', 'where the audit log of every change goes ($XDG_STATE_HOME/lbtop/audit.jsonl; default ~/.local/state)'],
  ['NO_COLOR', 'set and not empty: the mono theme, whatever --theme or the config says'],
  ['VISUAL, EDITOR', 'the editor E opens a whole map or ACL file in (default vi)'],
  ['SSH_AUTH_SOCK', 'ssh-agent for LBs reached over SSH; an encrypted key without an agent is asked for once'],
  ['LBTOP_DEMO_REPLAY', '1: `lbtop demo` replays recorded fixtures (read-only) instead of starting a HAProxy lab'],
];

export const FILES: readonly [string, string][] = [
  ['$XDG_CONFIG_HOME/lbtop/config.yaml, ~/.config/lbtop/config.yaml', 'the config: LBs (stats sockets or SSH hosts), clusters, keepalived/heartbeat/BIRD, haproxy.cfg and reloads; the first that exists is read'],
  ['~/.local/state/lbtop/audit.jsonl', 'the audit log: every command sent to an LB, who sent it and the outcome (lbtop history lists it)'],
  ['/usr/lib/lbtop/schema/lbtop.schema.json', 'the JSON schema of the config file (in the npm package: schema/), for editors'],
  ['/usr/lib/lbtop/themes/', 'the built-in themes dark, light and mono; --theme also takes a .yaml file of your own'],
  ['/usr/share/bash-completion/completions/lbtop', 'bash completion (or: eval "$(lbtop completion bash)")'],
  ['/usr/share/zsh/vendor-completions/_lbtop', 'zsh completion (or: source <(lbtop completion zsh))'],
  ['/usr/share/fish/vendor_completions.d/lbtop.fish', 'fish completion (or: lbtop completion fish | source)'],
];

export const EXAMPLES: readonly [string[], string][] = [
  [['-s', '/run/haproxy/admin.sock'], 'Watch one local HAProxy (hatop-style):'],
  [['-c', 'prod.yaml', '--read-only'], 'Watch the fleet of a config file, with every change disabled:'],
  [['--inventory', 'hosts.ini', '--group', 'lb'], 'The LBs of an Ansible inventory group, over SSH:'],
  [['status', '--json'], 'Every LB, backend and server once, for a script:'],
  [['find', '10.0.0.94'], 'Which LBs carry a server at this address (or with this name or hostname):'],
  [['node', 'drain', 'worker3', '--wait', '--dry-run'], 'What draining a Kubernetes node on every LB would send, without sending it:'],
  [['server', 'weight', 'k8s_https_lb_backend/worker1', '50%', '--yes'], 'Halve a server\'s weight on every LB that has it, without asking:'],
  [['map', 'set', '/etc/haproxy/hosts.map', 'app.example.com', 'be_app', '--dry-run'], 'Preview a map change on every LB that has the map:'],
  [['trace', 'app.example.com/api'], 'Where does a request go, and why:'],
  [['vip', 'move', '10.0.0.100', '--to', 'lb2'], 'Move a VIP to another LB (preview, then type the cluster name):'],
  [['history', '--limit', '5'], 'The last five changes, who made them and their outcome per LB:'],
  [['undo', 'plan-mxdcxllg-0', '--dry-run'], 'What undoing one of them would send now (servers changed since are left out):'],
  [['certs', '--warn-days', '30'], 'Certificates expiring within 30 days (exit 1 if any):'],
  [['demo'], 'The built-in lab, to try every view:'],
];
