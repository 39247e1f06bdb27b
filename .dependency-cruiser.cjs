// Layering rule from DESIGN.md: data flows one way. A package may import only packages above it in
// this list; nothing imports an app; no cycles anywhere (between packages or between files).
const layers = ['core', 'dicom', 'imaging', 'pet', 'bonescan', 'response', 'clinical', 'phantoms'];

const upwardImports = layers.map((layer, index) => {
  const forbidden = layers.slice(index + 1);
  return {
    name: `${layer}-imports-downward-only`,
    comment: `packages/${layer} may import only: ${layers.slice(0, index).join(', ') || '(no other package)'}`,
    severity: 'error',
    from: { path: `^packages/${layer}/` },
    to: {
      path: forbidden.length === 0 ? '^$' : `^packages/(${forbidden.join('|')})/`,
    },
  };
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import cycles make layers meaningless and modules hard to test alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...upwardImports,
    {
      name: 'no-package-imports-app',
      comment: 'Apps sit on top; no package may import one.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-app-imports-app',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-unknown-package',
      comment: 'Every folder under packages/ must have a place in the layer list above.',
      severity: 'error',
      from: { path: '^packages/', pathNot: `^packages/(${layers.join('|')})/` },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.check.json' },
    enhancedResolveOptions: {
      conditionNames: ['@bonemet/source', 'import', 'default'],
      exportsFields: ['exports'],
      extensions: ['.ts', '.js'],
    },
    combinedDependencies: true,
    preserveSymlinks: false,
  },
};
