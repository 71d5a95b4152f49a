/**
 * Browser code that draws one side-by-side row. Model text only ever reaches
 * the page through `textContent` and `setAttribute` on attributes that never
 * execute; links are made only for http(s) URLs and videos only for relative paths.
 * Kept as plain ES2017 text (no template literals) so it is hashed and inlined as is.
 */
export const CLIENT_CELLS = String.raw`
var CELL = { status: 0, passed: 1, answer: 2, reasoning: 3, latency: 4, ttft: 5, input: 6, output: 7, reasoningTokens: 8, cost: 9, error: 10, score: 11, differs: 12, video: 13, cached: 14 };
function element(tag, className, text) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}
function count(value) {
  return value === null || value === undefined ? '\u2013' : String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
function usd(value) {
  var size = Math.abs(value);
  if (size >= 1) return '$' + value.toFixed(2);
  if (size >= 0.01 || size === 0) return '$' + value.toFixed(4);
  return '$' + value.toFixed(Math.min(12, 1 - Math.floor(Math.log10(size))));
}
function collapsed(label, text, className) {
  var details = element('details', className);
  details.appendChild(element('summary', null, label));
  details.appendChild(element('pre', 'text', text));
  return details;
}
function httpUrl(text) {
  try {
    var url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch (error) {
    return null;
  }
}
function relativeFile(text) {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(text) || /^[\\/]/.test(text) || text.split(/[\\/]/).indexOf('..') >= 0) return null;
  return text.split('/').map(encodeURIComponent).join('/');
}
function videoBlock(video) {
  var block = element('div', 'video');
  var url = video[0], file = video[1], status = video[2], doneMs = video[3];
  if (status || doneMs !== null) block.appendChild(element('div', 'meta', 'video ' + (status || '') + (doneMs !== null ? ' \u00b7 done after ' + count(doneMs) + ' ms' : '')));
  var source = file ? relativeFile(file) : null;
  if (source) {
    var player = element('video', 'player');
    player.controls = true;
    player.preload = 'none';
    player.setAttribute('src', source);
    block.appendChild(player);
  } else if (file) {
    block.appendChild(element('div', 'meta', 'file: ' + file));
  }
  if (url) {
    var safe = httpUrl(url);
    if (safe) {
      var link = element('a', 'video-link', 'open video');
      link.setAttribute('href', safe);
      link.setAttribute('rel', 'noopener noreferrer');
      link.setAttribute('target', '_blank');
      link.title = url;
      block.appendChild(link);
    } else {
      block.appendChild(element('div', 'meta', 'url: ' + url));
    }
  }
  return block;
}
function verdictOf(cell) {
  if (cell[CELL.status] === 1) return ['error', 'ERROR'];
  if (cell[CELL.passed] === 1) return ['pass', 'PASS'];
  if (cell[CELL.passed] === 0) return ['fail', 'FAIL'];
  return ['unscored', 'UNSCORED'];
}
function renderCell(cell, expected) {
  var td = element('td', 'cell');
  if (!cell) {
    td.className = 'cell missing';
    td.appendChild(element('span', 'meta', 'no result'));
    return td;
  }
  var verdict = verdictOf(cell);
  td.className = 'cell ' + verdict[0] + (cell[CELL.differs] ? ' differs' : '');
  var head = element('div', 'cell-head');
  head.appendChild(element('span', 'badge ' + verdict[0], verdict[1]));
  if (cell[CELL.differs]) head.appendChild(element('span', 'badge differs-badge', 'differs'));
  if (cell[CELL.score]) head.appendChild(element('span', 'score', cell[CELL.score]));
  td.appendChild(head);
  if (cell[CELL.error]) td.appendChild(element('pre', 'text error-text', cell[CELL.error]));
  if (cell[CELL.answer] !== null) td.appendChild(element('pre', 'text answer', cell[CELL.answer]));
  if (cell[CELL.passed] === 0 && expected !== null) td.appendChild(element('div', 'expected', 'expected: ' + expected));
  var meta = [];
  if (cell[CELL.cached]) meta.push('cached answer from ' + cell[CELL.cached] + ' (no request)');
  if (cell[CELL.latency] !== null) meta.push(count(cell[CELL.latency]) + ' ms');
  if (cell[CELL.ttft] !== null) meta.push('TTFT ' + count(cell[CELL.ttft]) + ' ms');
  if (cell[CELL.input] !== null || cell[CELL.output] !== null) {
    meta.push(count(cell[CELL.input]) + ' \u2192 ' + count(cell[CELL.output]) + ' tok' + (cell[CELL.reasoningTokens] ? ' (reasoning ' + count(cell[CELL.reasoningTokens]) + ')' : ''));
  }
  if (cell[CELL.cost] !== null) meta.push(usd(cell[CELL.cost]));
  if (meta.length > 0) td.appendChild(element('div', 'meta', meta.join(' \u00b7 ')));
  if (cell[CELL.reasoning]) td.appendChild(collapsed('reasoning (' + count(cell[CELL.reasoning].length) + ' chars)', cell[CELL.reasoning], 'reasoning'));
  if (cell[CELL.video]) td.appendChild(videoBlock(cell[CELL.video]));
  return td;
}
`;
