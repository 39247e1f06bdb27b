/** Lists the fields of a JSON Schema as indented text lines, for `--help`. */

interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly items?: SchemaNode;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly default?: unknown;
}

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null;
}

function typeText(node: SchemaNode): string {
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum !== undefined) return node.enum.map((v) => JSON.stringify(v)).join(' | ');
  const variants = node.anyOf ?? node.oneOf;
  if (variants !== undefined) return variants.map(typeText).join(' or ');
  const type = typeof node.type === 'string' ? node.type : (node.type?.join('|') ?? 'any');
  const range: string[] = [];
  if (node.minimum !== undefined) range.push(`≥ ${String(node.minimum)}`);
  if (node.exclusiveMinimum !== undefined) range.push(`> ${String(node.exclusiveMinimum)}`);
  if (node.maximum !== undefined) range.push(`≤ ${String(node.maximum)}`);
  if (node.exclusiveMaximum !== undefined) range.push(`< ${String(node.exclusiveMaximum)}`);
  if (type === 'array' && node.items !== undefined) return `array of ${typeText(node.items)}`;
  return range.length > 0 ? `${type} (${range.join(', ')})` : type;
}

export function schemaFieldLines(schema: unknown): string[] {
  if (!isNode(schema)) return [];
  const lines: string[] = [];
  walk(schema, '', lines);
  return lines;
}

function walk(node: SchemaNode, path: string, lines: string[]): void {
  const variants = node.anyOf ?? node.oneOf;
  if (variants?.some((v) => v.properties !== undefined) === true) {
    variants.forEach((variant, i) => {
      lines.push(`  ${path === '' ? '(input)' : path}: form ${String(i + 1)} of ${String(variants.length)}`);
      walk(variant, path, lines);
    });
    return;
  }
  if (node.properties !== undefined) {
    const required = new Set(node.required ?? []);
    for (const [name, child] of Object.entries(node.properties)) {
      const childPath = path === '' ? name : `${path}.${name}`;
      const flag = required.has(name) ? 'required' : 'optional';
      const description = child.description === undefined ? '' : `: ${child.description}`;
      const container = child.properties !== undefined || child.items?.properties !== undefined;
      lines.push(
        `  ${childPath}  [${container ? (child.items === undefined ? 'object' : 'array of objects') : typeText(child)}, ${flag}]${description}`,
      );
      if (child.properties !== undefined || child.anyOf !== undefined || child.oneOf !== undefined)
        walk(child, childPath, lines);
      else if (child.items?.properties !== undefined) walk(child.items, `${childPath}[]`, lines);
    }
  }
}
