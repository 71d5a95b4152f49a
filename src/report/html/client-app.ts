/**
 * Browser code of the side-by-side table: reads the embedded JSON, applies the
 * filters and draws one page of rows at a time, so 10,000 items stay fast.
 * Plain ES2017 text, run after `CLIENT_CELLS` in the same inline script.
 */
export const CLIENT_APP = String.raw`
var ROW = { id: 0, dataset: 1, repeat: 2, input: 3, expected: 4, disagree: 5, cells: 6 };
var data = JSON.parse(document.getElementById('report-data').textContent);
var rows = data.rows;
var state = { disagree: false, failed: false, errors: false, model: -1, search: '', page: 0, pageSize: 50 };
var matches = [];
var haystacks = null;
var controls = {
  disagree: document.getElementById('filter-disagree'),
  failed: document.getElementById('filter-failed'),
  errors: document.getElementById('filter-errors'),
  model: document.getElementById('filter-model'),
  search: document.getElementById('filter-search'),
  pageSize: document.getElementById('page-size'),
  previous: document.getElementById('page-previous'),
  next: document.getElementById('page-next'),
  pageLabel: document.getElementById('page-label'),
  matchCount: document.getElementById('match-count'),
  head: document.getElementById('side-head'),
  body: document.getElementById('side-body')
};
function haystack(index) {
  if (!haystacks) haystacks = new Array(rows.length);
  if (haystacks[index] === undefined) {
    var row = rows[index];
    var parts = [row[ROW.id], row[ROW.input], row[ROW.expected] || '', data.datasets[row[ROW.dataset]] || ''];
    row[ROW.cells].forEach(function (cell) {
      if (cell) parts.push(cell[CELL.answer] || '', cell[CELL.error] || '', cell[CELL.reasoning] || '');
    });
    haystacks[index] = parts.join('\n').toLowerCase();
  }
  return haystacks[index];
}
function someCell(cells, test) {
  if (state.model >= 0) return !!cells[state.model] && test(cells[state.model]);
  for (var index = 0; index < cells.length; index += 1) if (cells[index] && test(cells[index])) return true;
  return false;
}
function isFailed(cell) { return cell[CELL.passed] === 0; }
function isError(cell) { return cell[CELL.status] === 1; }
function rowMatches(row, index) {
  var cells = row[ROW.cells];
  if (state.model >= 0 && !cells[state.model]) return false;
  if (state.disagree && !row[ROW.disagree]) return false;
  if (state.failed && !someCell(cells, isFailed)) return false;
  if (state.errors && !someCell(cells, isError)) return false;
  if (state.search && haystack(index).indexOf(state.search) < 0) return false;
  return true;
}
function applyFilters() {
  matches = [];
  for (var index = 0; index < rows.length; index += 1) if (rowMatches(rows[index], index)) matches.push(index);
  state.page = 0;
  render();
}
function renderHead() {
  var tr = element('tr');
  tr.appendChild(element('th', 'item-head', 'item'));
  data.models.forEach(function (model, index) {
    var th = element('th', index === state.model ? 'model-head chosen' : 'model-head', model);
    th.setAttribute('scope', 'col');
    tr.appendChild(th);
  });
  controls.head.replaceChildren(tr);
}
function renderItem(row) {
  var td = element('td', 'item');
  td.appendChild(element('div', 'item-id', row[ROW.id]));
  var tags = element('div', 'meta');
  if (data.datasets.length > 1) tags.appendChild(element('span', 'tag', data.datasets[row[ROW.dataset]]));
  if (row[ROW.repeat] > 0) tags.appendChild(element('span', 'tag', 'repeat ' + row[ROW.repeat]));
  if (tags.childNodes.length > 0) td.appendChild(tags);
  if (row[ROW.expected] !== null) td.appendChild(element('div', 'expected', 'expected: ' + row[ROW.expected]));
  td.appendChild(collapsed('prompt', row[ROW.input], 'prompt'));
  return td;
}
function render() {
  var pages = Math.max(1, Math.ceil(matches.length / state.pageSize));
  if (state.page >= pages) state.page = pages - 1;
  var start = state.page * state.pageSize;
  var fragment = document.createDocumentFragment();
  matches.slice(start, start + state.pageSize).forEach(function (index) {
    var row = rows[index];
    var tr = element('tr', row[ROW.disagree] ? 'row disagree' : 'row');
    tr.setAttribute('data-row', String(index));
    tr.appendChild(renderItem(row));
    row[ROW.cells].forEach(function (cell, column) {
      var td = renderCell(cell, row[ROW.expected]);
      if (column === state.model) td.className += ' chosen';
      tr.appendChild(td);
    });
    fragment.appendChild(tr);
  });
  controls.body.replaceChildren(fragment);
  if (matches.length === 0) {
    var empty = element('tr');
    var td = element('td', 'empty', 'No row matches these filters.');
    td.colSpan = data.models.length + 1;
    empty.appendChild(td);
    controls.body.appendChild(empty);
  }
  controls.matchCount.textContent = count(matches.length) + ' of ' + count(rows.length) + ' rows';
  controls.matchCount.setAttribute('data-matches', String(matches.length));
  controls.pageLabel.textContent = 'page ' + (state.page + 1) + ' of ' + pages;
  controls.previous.disabled = state.page === 0;
  controls.next.disabled = state.page >= pages - 1;
  document.body.setAttribute('data-ready', '1');
}
data.models.forEach(function (model, index) {
  var option = element('option', null, model);
  option.value = String(index);
  controls.model.appendChild(option);
});
controls.disagree.addEventListener('change', function () { state.disagree = controls.disagree.checked; applyFilters(); });
controls.failed.addEventListener('change', function () { state.failed = controls.failed.checked; applyFilters(); });
controls.errors.addEventListener('change', function () { state.errors = controls.errors.checked; applyFilters(); });
controls.model.addEventListener('change', function () { state.model = Number(controls.model.value); renderHead(); applyFilters(); });
var searchTimer = null;
controls.search.addEventListener('input', function () {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(function () { state.search = controls.search.value.trim().toLowerCase(); applyFilters(); }, 150);
});
controls.pageSize.addEventListener('change', function () { state.pageSize = Number(controls.pageSize.value); state.page = 0; render(); });
controls.previous.addEventListener('click', function () { state.page -= 1; render(); controls.head.scrollIntoView(); });
controls.next.addEventListener('click', function () { state.page += 1; render(); controls.head.scrollIntoView(); });
state.disagree = controls.disagree.checked;
state.failed = controls.failed.checked;
state.errors = controls.errors.checked;
state.search = controls.search.value.trim().toLowerCase();
state.pageSize = Number(controls.pageSize.value) || 50;
renderHead();
applyFilters();
`;
