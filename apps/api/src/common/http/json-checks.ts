/**
 * Checks of a JSON body that run before (depth) and right after (strings and keys) JSON.parse,
 * for every route alike. Pure functions, so they can be tested on any input.
 */

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * True when arrays and objects in `text` nest deeper than `limit`. One pass over the text,
 * stopping at the first level too deep, so a hostile body costs no more than reading it.
 * Brackets inside strings do not count; for text that is not JSON the answer does not matter,
 * JSON.parse refuses it next.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return false;
}

/** `samples[3].value`, `labels["a b"]`: the path as validation messages name fields. */
export function jsonPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function stringProblem(s: string): string | undefined {
  if (s.includes('\u0000')) return 'must not contain NUL (\\u0000) characters';
  if (LONE_SURROGATE.test(s)) return 'must be valid Unicode (it has a lone surrogate \\ud800-\\udfff)';
  return undefined;
}

/**
 * The first string or key no route may accept, as a message naming its JSON path: NUL (which
 * PostgreSQL cannot store in text), lone surrogates (which would be stored altered) and
 * `__proto__` keys (which object assignment would turn into a prototype). Iterative, so no
 * depth of input can overflow the stack.
 */
export function findUnacceptableText(root: unknown): string | undefined {
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      const problem = stringProblem(value);
      if (problem) return `${path || 'the body'} ${problem}`;
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], jsonPath(path, i)]);
    } else if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i];
        if (key === '__proto__') return `${jsonPath(path, key)} is not allowed as a key`;
        const problem = stringProblem(key);
        if (problem) return `a key in ${path || 'the body'} ${problem}`;
        stack.push([(value as Record<string, unknown>)[key], jsonPath(path, key)]);
      }
    }
  }
  return undefined;
}
