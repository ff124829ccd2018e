// `npm run manifest` (cem analyze) reads this. packagejson: false — the analyzer would otherwise
// rewrite package.json's "customElements" to whatever --outdir it ran with (the freshness test uses a temp dir).
//
// The analyzer reads src/, but consumers (IDEs, Storybook, the typed-tag generators) resolve module
// paths against the published package, where src/ does not ship. Two plugins make the manifest tell
// what ships:
// - defineElement: our `defineElement('tag', Class)` helper (src/elements/shared/define.ts) is not a
//   `customElements.define` call the analyzer knows, so each call becomes a
//   custom-element-definition export of the module that makes it;
// - shippedModules: one module per shipped element entry (dist/<element>.js, which defines the tag
//   and exports the class), holding the element's declaration and its definition. Helper modules
//   (views, controllers, data) are internal and left out.

import typescript from 'typescript';

/** Element class module → the dist file that ships it (an entry of vite.config.ts / package.json "exports"). */
const SHIPPED = {
  'src/elements/usage-chart/usage-chart.ts': 'dist/usage-chart.js',
  'src/elements/usage-insights/usage-insights.ts': 'dist/usage-insights.js',
  'src/elements/log-table/log-table.ts': 'dist/log-table.js',
  'src/elements/log-detail/log-detail.ts': 'dist/log-detail.js',
};

function defineElementPlugin() {
  return {
    name: 'composio-define-element',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'defineElement') return;
      const [tag, klass] = node.arguments;
      if (!tag || !klass || !ts.isStringLiteral(tag) || !ts.isIdentifier(klass)) return;
      // the class is imported from its sibling module (./<element>.ts)
      const imported = node
        .getSourceFile()
        .statements.filter(ts.isImportDeclaration)
        .find((i) => i.importClause?.namedBindings?.elements?.some((e) => e.name.text === klass.text));
      const from = imported ? imported.moduleSpecifier.text.replace(/^\.\//, '') : null;
      const dir = moduleDoc.path.replace(/[^/]+$/, '');
      moduleDoc.exports ??= [];
      moduleDoc.exports.push({
        kind: 'custom-element-definition',
        name: tag.text,
        declaration: { name: klass.text, module: from ? dir + from : moduleDoc.path },
      });
    },
  };
}

/**
 * The analyzer writes a property's type as written (`RangePreset`), which means nothing to a
 * consumer of the manifest (typed-tag generators, IDEs). Our own TypeScript resolves each property
 * whose value set is closed to its string-literal union (`'24h' | '7d' | '30d' | '90d'`).
 */
function literalUnions() {
  const files = Object.keys(SHIPPED);
  const program = typescript.createProgram(files, {
    target: typescript.ScriptTarget.ES2022,
    module: typescript.ModuleKind.ESNext,
    moduleResolution: typescript.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    experimentalDecorators: true,
    strict: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  /** `${module}#${class}.${property}` → union text */
  const unions = new Map();
  for (const file of files) {
    const source = program.getSourceFile(file);
    for (const statement of source.statements) {
      if (!typescript.isClassDeclaration(statement) || !statement.name) continue;
      const instance = checker.getTypeAtLocation(statement);
      for (const property of instance.getProperties()) {
        const type = checker.getTypeOfSymbol(property);
        const parts = type.isUnion() ? type.types : [type];
        const literals = parts.filter((t) => t.isStringLiteral());
        const rest = parts.filter((t) => !t.isStringLiteral() && !(t.flags & typescript.TypeFlags.Undefined));
        if (literals.length > 1 && rest.length === 0)
          unions.set(`${file}#${statement.name.text}.${property.name}`, literals.map((t) => `'${t.value}'`).join(' | '));
      }
    }
  }
  return unions;
}

function shippedModulesPlugin() {
  return {
    name: 'composio-shipped-modules',
    packageLinkPhase({ customElementsManifest }) {
      const modules = customElementsManifest.modules;
      const definitions = modules.flatMap((m) => (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition'));
      const unions = literalUnions();
      const shipped = [];
      for (const [source, path] of Object.entries(SHIPPED)) {
        const module = modules.find((m) => m.path === source);
        if (!module) throw new Error(`custom-elements-manifest.config.mjs: no module ${source}`);
        const declarations = (module.declarations ?? []).filter((d) => d.customElement);
        const exports = declarations.map((d) => ({ kind: 'js', name: d.name, declaration: { name: d.name, module: path } }));
        for (const declaration of declarations) {
          // the superclass (ComposioElement) is internal and does not ship as a module: its members
          // are already copied onto the element by the analyzer's inheritance step
          delete declaration.superclass;
          for (const member of [...(declaration.members ?? []), ...(declaration.attributes ?? []), ...(declaration.events ?? [])]) {
            delete member.inheritedFrom;
            const union = unions.get(`${source}#${declaration.name}.${member.fieldName ?? member.name}`);
            if (union && member.type) member.type = { text: union };
          }
          // `@fires {CustomEvent<X>}`: the typed-tag generators expect the detail type (they wrap it
          // in CustomEvent<…> themselves)
          for (const event of declaration.events ?? [])
            if (event.type) event.type.text = event.type.text.replace(/^CustomEvent<(.+)>$/, '$1');
          const found = definitions.find((d) => d.declaration.name === declaration.name && d.declaration.module === source);
          if (!found) throw new Error(`no defineElement(…) call registers ${declaration.name}`);
          if (found.name !== declaration.tagName)
            throw new Error(`${declaration.name}: @tagname ${declaration.tagName} ≠ defined ${found.name}`);
          exports.push({ kind: 'custom-element-definition', name: found.name, declaration: { name: declaration.name, module: path } });
        }
        shipped.push({ kind: 'javascript-module', path, declarations, exports });
      }
      customElementsManifest.modules = shipped;
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/elements/**/chart-*.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [defineElementPlugin(), shippedModulesPlugin()],
};
