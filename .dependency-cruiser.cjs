/**
 * The layer map (docs/ARCHITECTURE.md) as rules: which folder of src/ may import which.
 * `npm run lint` runs it and CI fails on any violation.
 */
const leaves = '^src/(types|util|stats|results|errors\\.ts|version\\.ts|package-root\\.ts)';

/** A rule that `from` may import only from folders matching `allowed` (besides itself). */
function only(name, from, allowed, comment) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: from },
    to: { path: '^src/', pathNot: [`${from}`, allowed] },
  };
}

module.exports = {
  forbidden: [
    { name: 'no-cycles', comment: 'No two modules import each other, directly or around a circle.', severity: 'error', from: {}, to: { circular: true } },
    only('leaves-import-leaves', '^src/(types|util|stats|errors\\.ts)', '^src/(types|util|errors\\.ts)', 'Leaf modules import nothing but other leaves.'),
    only('results-is-a-leaf', '^src/results/', '^src/(types|util|errors\\.ts)', 'The record contract imports only leaves; in particular nothing of run.'),
    only('protocols-are-pure-codecs', '^src/protocols/', leaves, 'Codecs import only leaves: nothing of run, dataset, report or cli.'),
    only('dataset-imports-leaves', '^src/dataset/', leaves, 'Dataset readers import only leaves: nothing of run.'),
    only('simulator-shares-no-client-code', '^src/simulator/', '^src/util/', 'The simulator imports nothing of the client, so its misreadings cannot agree with the client\'s.'),
    only('settings-are-plain', '^src/settings/', `${leaves}|^src/(protocols|dataset)/`, 'Run settings are plain objects over format and dataset types.'),
    only('run-knows-no-outputs', '^src/run/', `${leaves}|^src/(protocols|dataset|settings)/`, 'The runner imports nothing of report, score, outputs, config or cli.'),
    only('score-imports-below', '^src/score/', `${leaves}|^src/stats/`, 'Scorers import statistics and the record contract only (the judge is injected).'),
    only('analysis-imports-below', '^src/analysis/', `${leaves}|^src/score/`, 'One analysis model over records and score lines.'),
    only('report-renders-analysis', '^src/report/', `${leaves}|^src/(analysis|score)/`, 'Renderers draw the analysis model.'),
    only('outputs-compose-below', '^src/outputs/', `${leaves}|^src/(analysis|report|score|settings)/`, 'The sink a run writes into: live CSV, scoring, summary, reports.'),
    only('config-builds-settings', '^src/(config|suites)/', `${leaves}|^src/(protocols|dataset|settings|config|suites)/`, 'Flags and files become plain settings.'),
    {
      name: 'nothing-imports-cli-or-bench',
      comment: 'The composition root and the benchmark sit on top.',
      severity: 'error',
      from: { pathNot: '^src/(cli|bench)/' },
      to: { path: '^src/(cli|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
