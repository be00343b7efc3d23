// `--inventory FILE`: read, parse, turn the chosen hosts into LBs and add them to the config's LBs. An LB of the
// same name in lbtop.yaml keeps its own settings (it was written on purpose) and only gains the groups.
import { readFile } from 'node:fs/promises';
import type { LbConfig, LbtopConfig } from '../model/config.js';
import { parseInventory } from './inventory.js';
import { inventoryLbs } from './inventory-lbs.js';

export async function importInventory(
  file: string,
  shown: string,
  groups: readonly string[],
  config: LbtopConfig,
): Promise<{ lbs: LbConfig[]; errors: string[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { lbs: [], errors: [`--inventory ${shown}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`] };
  }
  const inventory = parseInventory(text, file);
  if (inventory.issues.length) return { lbs: [], errors: inventory.issues.map((i) => `${shown}:${i.line}: ${i.message}`) };
  const imported = inventoryLbs(inventory.hosts, groups, config.lbDefaults);
  if (imported.errors.length) return { lbs: [], errors: imported.errors.map((e) => `${shown}: ${e}`) };
  if (imported.lbs.length === 0) return { lbs: [], errors: [`--inventory ${shown}: no hosts${groups.length ? ` in ${groups.join(', ')}` : ''}`] };
  const lbs = [...config.lbs];
  for (const lb of imported.lbs) {
    const mine = lbs.find((l) => l.name === lb.name);
    if (mine) mine.groups = [...new Set([...(mine.groups ?? []), ...(lb.groups ?? [])])];
    else lbs.push(lb);
  }
  return { lbs, errors: [] };
}
