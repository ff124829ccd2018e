/**
 * A host's `strings` laid over the built-in words, checked entry by entry so that a wrong value is
 * ignored with a warning, never thrown at render time. Loaded only when a host sets `strings`
 * (language-controller.ts); the element's update waits for it, so its first render already shows
 * the host's words.
 */
import { GROUPS, type Strings, type StringsOverride } from './strings.ts';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

type Entry = string | ((...args: never[]) => string) | Readonly<Record<string, string>>;

/** One entry of the override, if it has the built-in entry's shape (else undefined, with a warning). */
function overrideEntry(name: string, builtIn: Entry, value: unknown, warn: (message: string) => void): Entry | undefined {
  if (typeof builtIn === 'string') {
    if (typeof value === 'string') return value;
  } else if (typeof builtIn === 'function') {
    if (typeof value === 'function') {
      const fallback = builtIn as (...args: unknown[]) => string;
      // a host's function that throws must not break rendering: the built-in words stand in
      return (...args: unknown[]) => {
        try {
          return String((value as (...args: unknown[]) => unknown)(...args));
        } catch (error) {
          warn(`strings.${name} threw (${String(error)}); using the built-in words`);
          return fallback(...args);
        }
      };
    }
  } else if (isRecord(value)) {
    const merged: Record<string, string> = { ...builtIn };
    for (const [key, text] of Object.entries(value)) {
      if (key in builtIn && typeof text === 'string') merged[key] = text;
      else warn(`strings.${name}.${key} ignored (${key in builtIn ? 'not a string' : 'unknown key'})`);
    }
    return merged;
  }
  warn(`strings.${name} ignored: expected a ${isRecord(builtIn) ? 'record of strings' : typeof builtIn}, got ${typeof value}`);
  return undefined;
}

const merged = new WeakMap<object, WeakMap<object, object>>();

/**
 * `base` with the host's words laid over it; remembered per override object (one merge per
 * change). A group the element does not show is skipped quietly (the log table hands its
 * `strings` to the detail panel); a name that is no group at all is reported.
 */
export function withOverride<W extends Partial<Strings>>(
  base: W,
  override: StringsOverride | undefined,
  warn: (message: string) => void,
): W {
  if (override === undefined || override === null) return base;
  if (!isRecord(override)) {
    warn(`strings must be an object of groups (${GROUPS.join(', ')}); ignored`);
    return base;
  }
  const memo = merged.get(override) ?? new WeakMap<object, object>();
  merged.set(override, memo);
  let out = memo.get(base) as W | undefined;
  if (out) return out;
  out = { ...base };
  for (const [group, entries] of Object.entries(override as Record<string, unknown>)) {
    const builtIns = (base as unknown as Record<string, Record<string, Entry> | undefined>)[group];
    if (!(GROUPS as readonly string[]).includes(group)) warn(`strings.${group} ignored (unknown group; one of ${GROUPS.join(', ')})`);
    else if (!isRecord(entries)) warn(`strings.${group} ignored (not an object)`);
    if (!builtIns || !isRecord(entries)) continue;
    const next: Record<string, Entry> = { ...builtIns };
    for (const [key, value] of Object.entries(entries)) {
      if (!(key in builtIns)) warn(`strings.${group}.${key} ignored (unknown key)`);
      else next[key] = overrideEntry(`${group}.${key}`, builtIns[key], value, warn) ?? builtIns[key];
    }
    (out as Record<string, unknown>)[group] = next;
  }
  memo.set(base, out);
  return out;
}
