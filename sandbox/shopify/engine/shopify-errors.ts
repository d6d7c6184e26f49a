import { type ASTNode, type DocumentNode, type GraphQLError, visit } from "graphql";

/** A GraphQL error as Shopify (graphql-ruby) renders it. */
export interface ShopifyError {
  message: string;
  locations?: { line: number; column: number }[];
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

/** graphql-ruby's static-validation path: operation ("query Name"), then field response keys. */
function staticPath(document: DocumentNode, target: ASTNode | undefined): string[] | undefined {
  if (!target) return undefined;
  const stack: string[] = [];
  let found: string[] | undefined;
  visit(document, {
    OperationDefinition: {
      enter(node) {
        stack.push(node.name ? `${node.operation} ${node.name.value}` : node.operation);
        if (node === target) found = [...stack];
      },
      leave() {
        stack.pop();
      },
    },
    FragmentDefinition: {
      enter(node) {
        stack.push(`fragment ${node.name.value}`);
      },
      leave() {
        stack.pop();
      },
    },
    Field: {
      enter(node) {
        stack.push(node.alias?.value ?? node.name.value);
        if (node === target) found = [...stack];
      },
      leave() {
        stack.pop();
      },
    },
    Argument: {
      enter(node) {
        if (node === target) found = [...stack, node.name.value];
      },
    },
    VariableDefinition: {
      enter(node) {
        if (node === target) found = [...stack, node.variable.name.value];
      },
    },
  });
  return found;
}

const q = (s: string) => s.replace(/"/g, "'");

/** Rewrites graphql-js validation messages into graphql-ruby's wording and extension codes. */
export function toShopifyValidationError(document: DocumentNode, error: GraphQLError): ShopifyError {
  const node = error.nodes?.[0];
  const base: ShopifyError = {
    message: error.message,
    locations: error.locations?.map((l) => ({ line: l.line, column: l.column })),
  };
  const path = staticPath(document, node);
  if (path) base.path = path;
  const msg = error.message;
  let m = /^Cannot query field "(\w+)" on type "(\w+)"/.exec(msg);
  if (m) {
    return {
      ...base,
      message: `Field '${m[1]}' doesn't exist on type '${m[2]}'`,
      extensions: { code: "undefinedField", typeName: m[2], fieldName: m[1] },
    };
  }
  m = /^Unknown argument "(\w+)" on field "(\w+)\.(\w+)"/.exec(msg);
  if (m) {
    return {
      ...base,
      message: `Field '${m[3]}' doesn't accept argument '${m[1]}'`,
      extensions: { code: "argumentNotAccepted", name: m[3], typeName: "Field", argumentName: m[1] },
    };
  }
  m = /^Field "(\w+)" argument "(\w+)" of type "(.+)" is required, but it was not provided\./.exec(msg);
  if (m) {
    return {
      ...base,
      message: `Field '${m[1]}' is missing required arguments: ${m[2]}`,
      extensions: { code: "missingRequiredArguments", className: "Field", name: m[1], arguments: m[2] },
    };
  }
  m = /^Field "(\w+)" of type "(.+)" must have a selection of subfields/.exec(msg);
  if (m) {
    const typeName = (m[2] ?? "").replace(/[[\]!]/g, "");
    return {
      ...base,
      message: `Field must have selections (field '${m[1]}' returns ${typeName} but has no selections. Did you mean '${m[1]} { ... }'?)`,
      extensions: { code: "selectionMismatch", nodeName: `field '${m[1]}'`, typeName },
    };
  }
  m = /^Field "(\w+)" must not have a selection since type "(.+)" has no subfields\./.exec(msg);
  if (m) {
    const typeName = (m[2] ?? "").replace(/[[\]!]/g, "");
    return {
      ...base,
      message: `Selections can't be made on scalars (field '${m[1]}' returns ${typeName} but has selections [...])`,
      extensions: { code: "selectionMismatch", nodeName: `field '${m[1]}'`, typeName },
    };
  }
  m = /^Variable "\$(\w+)" of type "(.+)" used in position expecting type "(.+)"\./.exec(msg);
  if (m) {
    const nullability = (m[2] ?? "").replace(/!$/, "") === (m[3] ?? "").replace(/!$/, "");
    return {
      ...base,
      message: `${nullability ? "Nullability" : "Type"} mismatch on variable $${m[1]} and argument (${m[2]} / ${m[3]})`,
      extensions: { code: "variableMismatch", variableName: m[1], typeName: m[2] },
    };
  }
  m = /^Variable "\$(\w+)" is never used/.exec(msg);
  if (m) {
    return {
      ...base,
      message: `Variable $${m[1]} is declared by ${path?.[0] ?? "anonymous query"} but not used`,
      extensions: { code: "variableNotUsed", variableName: m[1] },
    };
  }
  m = /^Variable "\$(\w+)" is not defined/.exec(msg);
  if (m) {
    return {
      ...base,
      message: `Variable $${m[1]} is used by ${path?.[0] ?? "anonymous query"} but not declared`,
      extensions: { code: "variableNotDefined", variableName: m[1] },
    };
  }
  m = /^Unknown type "(\w+)"/.exec(msg);
  if (m) {
    return {
      ...base,
      message: `No such type ${m[1]}, so it can't be a fragment condition`,
      extensions: { code: "undefinedType", typeName: m[1] },
    };
  }
  return { ...base, message: q(msg) };
}

/** Variable coercion failures (execution-time in graphql-js) in graphql-ruby's "invalid value" shape. */
export function toShopifyVariableError(
  error: GraphQLError,
  variables: Record<string, unknown>,
  types: Record<string, string> = {},
): ShopifyError {
  const m = /^Variable "\$(\w+)" (?:of (?:required |non-null )?type "(.+?)" )?(?:got invalid value .*?; )?(.*)$/s.exec(
    error.message,
  );
  if (!m || m[1] === undefined) return { message: error.message };
  const name = m[1];
  return {
    message: `Variable $${name} of type ${m[2] ?? types[name] ?? "unknown"} was provided invalid value`,
    locations: error.locations?.map((l) => ({ line: l.line, column: l.column })),
    extensions: {
      value: variables[name] ?? null,
      problems: [
        {
          path: [],
          explanation: /was not provided|must not be null/.test(error.message)
            ? "Expected value to not be null"
            : q(m[3] ?? error.message),
        },
      ],
    },
  };
}

/** Syntax errors keep graphql-js wording but drop its "Syntax Error: " prefix. */
export function toShopifySyntaxError(error: GraphQLError): ShopifyError {
  return {
    message: error.message.replace(/^Syntax Error: /, "syntax error, "),
    locations: error.locations?.map((l) => ({ line: l.line, column: l.column })),
  };
}
