import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/*
 * Derives the JSON Schema (draft 2020-12) of `ConfigAst` from its one definition, the TypeScript
 * declarations of src/ast/types.ts (and the files it imports types from), for
 * src/ast/schema.generated.ts and schemas/ast.schema.json (`npm run generate`; a test fails when
 * the committed output is stale). Only the declarations' syntax is read, so the schema says what
 * the source says: no inference, no compiler program.
 *
 * The mapping, kept to the subset of JSON Schema src/ast/validate.ts interprets:
 * - an interface or object type is a closed object (`additionalProperties: false`), its non-`?`
 *   properties required, the properties of the interfaces it extends included;
 * - `number` is an integer (the AST holds counts, positions, ids and addresses, never a fraction);
 * - a union of literals is an `enum`, `T | null` a type pair, any other union a `oneOf`;
 * - `[A, B]` is a fixed-length array;
 * - `@minimum N`, `@maximum N`, `@pattern RE` in a property's or a type alias's JSDoc bound its
 *   numbers / strings (a tag that bounds nothing is an error);
 * - a JSDoc comment is the `description`;
 * - an interface, and a type alias of an object type or a union of them, is a `$defs` entry of its
 *   name (`Range` must be one: the validator takes the parse cache's compact ranges there); an
 *   instance of a generic interface is one named after its type argument (`Val<string>` is
 *   `ValString`) when that has a name; other aliases are written in place.
 * Any other type syntax fails the generation rather than being described loosely.
 */

type Schema = Record<string, unknown>;

export const AST_TYPES_FILE = 'src/ast/types.ts';
const ROOT_TYPE = 'ConfigAst';

const HEADER: Schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://fwlint.invalid/schemas/ast.schema.json',
  title: 'fwlint configuration AST',
  description:
    'Typed AST of one Huawei USG/VRP configuration file, derived from src/ast/types.ts. Positions are 1-based, end exclusive, UTF-16 columns. Secret values are never present.',
};

type Declaration = ts.InterfaceDeclaration | ts.TypeAliasDeclaration;

interface SourceIndex {
  file: string;
  declarations: Map<string, Declaration>;
  /** Imported (or re-exported) name → the file it comes from, relative to the root. */
  imports: Map<string, { file: string; name: string }>;
}

/** A type parameter's argument, with the file its names resolve in. */
interface Binding {
  node: ts.TypeNode;
  scope: Scope;
}

interface Scope {
  index: SourceIndex;
  parameters: Map<string, Binding>;
}

function fail(node: ts.Node, message: string): never {
  const file = node.getSourceFile();
  const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
  throw new Error(`${file.fileName}:${line + 1}:${character + 1}: ${message}`);
}

function description(node: ts.Node): string | undefined {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const text = docs.length === 0 ? undefined : ts.getTextOfJSDocComment(docs[docs.length - 1].comment);
  return text?.replace(/\s+/g, ' ').trim() || undefined;
}

function tagsOf(node: ts.Node): { name: string; text: string; tag: ts.JSDocTag }[] {
  return ts.getJSDocTags(node)
    .filter((tag) => ['minimum', 'maximum', 'pattern'].includes(tag.tagName.text))
    .map((tag) => ({ name: tag.tagName.text, text: (ts.getTextOfJSDocComment(tag.comment) ?? '').trim(), tag }));
}

function typesOf(schema: Schema): string[] {
  return Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : [];
}

/** Puts `@minimum` / `@maximum` / `@pattern` on the (number / string) schemas they bound; each must bound one. */
function annotate(schema: Schema, node: ts.Node): Schema {
  const tags = tagsOf(node);
  if (tags.length === 0) return schema;
  const result = structuredClone(schema);
  for (const { name, text, tag } of tags) {
    const wants = name === 'pattern' ? 'string' : 'integer';
    let value: unknown = text;
    if (name !== 'pattern') {
      value = Number(text);
      if (text === '' || !Number.isFinite(value)) fail(tag, `@${name} needs a number, not ${JSON.stringify(text)}`);
    } else {
      try {
        new RegExp(text, 'u');
      } catch {
        fail(tag, `@pattern ${JSON.stringify(text)} is not a regular expression`);
      }
    }
    const targets = Array.isArray(result.oneOf) ? (result.oneOf as Schema[]) : [result];
    const bounded = targets.filter((target) => typesOf(target).includes(wants));
    if (bounded.length === 0) fail(tag, `@${name} bounds nothing here: the type has no ${wants === 'string' ? 'string' : 'number'}`);
    for (const target of bounded) {
      if (name in target) fail(tag, `@${name} given twice`);
      target[name] = value;
    }
  }
  return result;
}

class Generator {
  readonly defs = new Map<string, Schema>();
  readonly #indexes = new Map<string, SourceIndex>();

  constructor(private readonly read: (file: string) => string) {}

  index(file: string): SourceIndex {
    const known = this.#indexes.get(file);
    if (known) return known;
    const source = ts.createSourceFile(file, this.read(file), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const index: SourceIndex = { file, declarations: new Map(), imports: new Map() };
    const from = (specifier: ts.Expression): string | undefined => {
      if (!ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) return undefined;
      return path.posix.join(path.posix.dirname(file), specifier.text.replace(/\.js$/, '.ts'));
    };
    for (const statement of source.statements) {
      if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) {
        if (index.declarations.has(statement.name.text)) fail(statement, `${statement.name.text} is declared twice`);
        index.declarations.set(statement.name.text, statement);
      } else if (ts.isImportDeclaration(statement)) {
        const target = from(statement.moduleSpecifier);
        const bindings = statement.importClause?.namedBindings;
        if (target && bindings && ts.isNamedImports(bindings))
          for (const element of bindings.elements) index.imports.set(element.name.text, { file: target, name: (element.propertyName ?? element.name).text });
      } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
        const target = from(statement.moduleSpecifier);
        if (target && statement.exportClause && ts.isNamedExports(statement.exportClause))
          for (const element of statement.exportClause.elements) index.imports.set(element.name.text, { file: target, name: (element.propertyName ?? element.name).text });
      }
    }
    this.#indexes.set(file, index);
    return index;
  }

  resolve(name: string, index: SourceIndex, at: ts.Node): { declaration: Declaration; index: SourceIndex } {
    const own = index.declarations.get(name);
    if (own) return { declaration: own, index };
    const imported = index.imports.get(name);
    if (imported) return this.resolve(imported.name, this.index(imported.file), at);
    return fail(at, `type ${name} is not declared in ${index.file} nor imported from a relative module`);
  }

  type(node: ts.TypeNode, scope: Scope): Schema {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { type: 'string' };
      case ts.SyntaxKind.NumberKeyword:
        return { type: 'integer' };
      case ts.SyntaxKind.BooleanKeyword:
        return { type: 'boolean' };
    }
    if (ts.isLiteralTypeNode(node)) {
      const literal = node.literal;
      if (ts.isStringLiteral(literal)) return { const: literal.text };
      if (ts.isNumericLiteral(literal)) return { const: Number(literal.text) };
      if (literal.kind === ts.SyntaxKind.TrueKeyword) return { const: true };
      if (literal.kind === ts.SyntaxKind.FalseKeyword) return { const: false };
      if (literal.kind === ts.SyntaxKind.NullKeyword) return { type: 'null' };
    }
    if (ts.isParenthesizedTypeNode(node)) return this.type(node.type, scope);
    if (ts.isArrayTypeNode(node)) return { type: 'array', items: this.type(node.elementType, scope) };
    if (ts.isTupleTypeNode(node)) {
      for (const element of node.elements) if (ts.isNamedTupleMember(element) || ts.isOptionalTypeNode(element) || ts.isRestTypeNode(element)) fail(element, 'only plain fixed-length tuples are supported');
      return { type: 'array', prefixItems: node.elements.map((element) => this.type(element, scope)), items: false, minItems: node.elements.length };
    }
    if (ts.isTypeLiteralNode(node)) return this.object(node.members, [], scope);
    if (ts.isUnionTypeNode(node)) return this.union(node.types.map((member) => this.type(member, scope)));
    if (ts.isTypeReferenceNode(node)) return this.reference(node, scope);
    return fail(node, `type syntax ${ts.SyntaxKind[node.kind]} is not supported by the AST schema generator`);
  }

  union(members: Schema[]): Schema {
    if (members.every((member) => Object.keys(member).length === 1 && 'const' in member)) return { enum: members.map((member) => member.const) };
    const isNull = (member: Schema) => Object.keys(member).length === 1 && member.type === 'null';
    const plain = (member: Schema) => Object.keys(member).length === 1 && typeof member.type === 'string';
    if (members.length === 2 && members.some(isNull) && members.every(plain)) return { type: [members.find((member) => !isNull(member))!.type, 'null'] };
    return { oneOf: members };
  }

  /** A name for a generic instance's `$defs` entry: the argument's name, when it has one. */
  argumentName(node: ts.TypeNode): string | undefined {
    if (node.kind === ts.SyntaxKind.StringKeyword) return 'String';
    if (node.kind === ts.SyntaxKind.NumberKeyword) return 'Number';
    if (node.kind === ts.SyntaxKind.BooleanKeyword) return 'Boolean';
    if (ts.isArrayTypeNode(node)) {
      const element = this.argumentName(node.elementType);
      return element === undefined ? undefined : `${element}Array`;
    }
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && !node.typeArguments) return node.typeName.text;
    return undefined;
  }

  /** `$defs/name`, built on first use (entered first, so a recursive type refers to itself); one type per name. */
  ref(name: string, owner: string, at: ts.Node, build: () => Schema): Schema {
    const known = this.#defOwners.get(name);
    if (known !== undefined && known !== owner) fail(at, `two types would both be $defs/${name}: ${known} and ${owner}`);
    if (known === undefined) {
      this.#defOwners.set(name, owner);
      this.defs.set(name, {});
      this.defs.set(name, build());
    }
    return { $ref: `#/$defs/${name}` };
  }

  reference(node: ts.TypeReferenceNode, scope: Scope): Schema {
    if (!ts.isIdentifier(node.typeName)) return fail(node, 'qualified type names are not supported');
    const name = node.typeName.text;
    const parameter = scope.parameters.get(name);
    if (parameter) {
      if (node.typeArguments) fail(node, `type parameter ${name} takes no arguments`);
      return this.type(parameter.node, parameter.scope);
    }
    const { declaration, index } = this.resolve(name, scope.index, node);
    const parameters = declaration.typeParameters ?? ts.factory.createNodeArray();
    const args = node.typeArguments ?? ts.factory.createNodeArray();
    if (args.length !== parameters.length) fail(node, `${name} takes ${parameters.length} type arguments`);
    const inner: Scope = { index, parameters: new Map(parameters.map((parameter, i) => [parameter.name.text, { node: args[i], scope }])) };
    const argumentNames = args.map((arg) => this.argumentName(arg));
    const defName = argumentNames.every((n) => n !== undefined) ? `${name}${argumentNames.join('')}` : undefined;
    const owner = `${this.qualified(declaration)}<${args.map((arg) => this.argumentOwner(arg, scope)).join(',')}>`;
    if (ts.isInterfaceDeclaration(declaration)) {
      const build = () => this.interfaceSchema(declaration, inner);
      return defName === undefined ? build() : this.ref(defName, owner, node, build);
    }
    const body = declaration.type;
    const objectLike = ts.isTypeLiteralNode(body) || (ts.isUnionTypeNode(body) && body.types.some(ts.isTypeLiteralNode));
    const build = () => this.described(annotate(this.type(body, inner), declaration), declaration);
    return objectLike && defName !== undefined ? this.ref(defName, owner, node, build) : build();
  }

  readonly #defOwners = new Map<string, string>();

  qualified(declaration: Declaration): string {
    return `${declaration.getSourceFile().fileName}#${declaration.name.text}`;
  }

  /** What a type argument names, for telling two instances apart (`Address` of one file or another). */
  argumentOwner(arg: ts.TypeNode, scope: Scope): string {
    if (ts.isArrayTypeNode(arg)) return `${this.argumentOwner(arg.elementType, scope)}[]`;
    if (ts.isTypeReferenceNode(arg) && ts.isIdentifier(arg.typeName)) {
      if (scope.parameters.has(arg.typeName.text)) fail(arg, 'a type parameter as a type argument is not supported');
      return this.qualified(this.resolve(arg.typeName.text, scope.index, arg).declaration);
    }
    return arg.getText();
  }

  described(schema: Schema, node: ts.Node): Schema {
    const text = description(node);
    if (text === undefined) return schema;
    // A property's own comment says more than its type's (`lineCount` over `number`, `address` over `Address`).
    const { description: _typeDescription, ...rest } = schema;
    return { description: text, ...rest };
  }

  interfaceSchema(declaration: ts.InterfaceDeclaration, scope: Scope): Schema {
    const inherited: ts.TypeElement[] = [];
    const collect = (decl: ts.InterfaceDeclaration, index: SourceIndex): void => {
      for (const clause of decl.heritageClauses ?? []) {
        for (const base of clause.types) {
          if (!ts.isIdentifier(base.expression) || base.typeArguments) fail(base, 'an interface may extend only plain named interfaces');
          const resolved = this.resolve(base.expression.text, index, base);
          if (!ts.isInterfaceDeclaration(resolved.declaration) || resolved.declaration.typeParameters) fail(base, `${base.expression.text} is not a plain interface`);
          collect(resolved.declaration, resolved.index);
          inherited.push(...resolved.declaration.members);
        }
      }
    };
    collect(declaration, scope.index);
    return this.described(this.object(declaration.members, inherited, scope), declaration);
  }

  object(members: readonly ts.TypeElement[], inherited: readonly ts.TypeElement[], scope: Scope): Schema {
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const member of [...inherited, ...members]) {
      if (!ts.isPropertySignature(member) || !member.type) return fail(member, 'only typed property signatures are supported in AST types');
      if (!ts.isIdentifier(member.name) && !ts.isStringLiteral(member.name)) return fail(member, 'property names must be plain');
      const name = member.name.text;
      if (name in properties) fail(member, `property ${name} is declared twice (an interface and one it extends)`);
      const memberScope = inherited.includes(member) ? { index: this.index(member.getSourceFile().fileName), parameters: new Map() } : scope;
      properties[name] = this.described(annotate(this.type(member.type, memberScope), member), member);
      if (!member.questionToken) required.push(name);
    }
    return { type: 'object', properties, required, additionalProperties: false };
  }
}

/** The AST schema as derived from src/ast/types.ts; `read` gives a file's text by its root-relative path. */
export function astSchemaFromTypes(root: string, read: (file: string) => string = (file) => readFileSync(path.join(root, file), 'utf8')): Schema {
  const generator = new Generator(read);
  const index = generator.index(AST_TYPES_FILE);
  const { declaration } = generator.resolve(ROOT_TYPE, index, ts.createSourceFile(AST_TYPES_FILE, '', ts.ScriptTarget.Latest, true));
  if (!ts.isInterfaceDeclaration(declaration)) throw new Error(`${ROOT_TYPE} must be an interface`);
  const body = generator.interfaceSchema(declaration, { index, parameters: new Map() });
  delete body.description;
  return { ...HEADER, ...body, $defs: Object.fromEntries(generator.defs) };
}

/** src/ast/schema.generated.ts: the derived schema as a module the runtime imports (no compiler needed then). */
export function astSchemaModule(schema: Schema): string {
  return [
    `// Generated by \`npm run generate\` from ${AST_TYPES_FILE} (scripts/ast-schema.ts): do not edit.`,
    '// The JSON Schema of ConfigAst that src/ast/validate.ts checks the parse cache against; schemas/ast.schema.json is the same.',
    '',
    `export const astSchema: Record<string, unknown> = ${JSON.stringify(schema, null, 2)};`,
    '',
  ].join('\n');
}
