/**
 * Browser code that sorts the breakdown grids: a click on a column header's
 * button reorders the body rows by that column (numbers from each cell's
 * `data-sort`, names by their text), high scores first on the first click,
 * names A to Z; a second click reverses. Cells without a value stay last and
 * ties keep the rendered order. The footer (micro and macro rows) never moves.
 * Only existing nodes are moved: nothing is parsed as HTML. Plain ES2017 text,
 * run before `CLIENT_APP` in the same inline script.
 */
export const CLIENT_GRID = `
var gridNames = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
function gridKey(row, column, numeric) {
  var cell = row.cells[column];
  if (!cell) return null;
  if (!numeric) return cell.textContent.trim();
  var raw = cell.getAttribute('data-sort');
  return raw === null || raw === '' ? null : Number(raw);
}
function sortGrid(table, header) {
  var column = header.cellIndex;
  var numeric = header.getAttribute('data-kind') === 'number';
  var current = header.getAttribute('aria-sort');
  var descending = current ? current === 'ascending' : numeric;
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute('aria-sort'); });
  header.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  rows.sort(function (left, right) {
    var a = gridKey(left, column, numeric);
    var b = gridKey(right, column, numeric);
    var order = Number(left.getAttribute('data-order')) - Number(right.getAttribute('data-order'));
    if (a === null || b === null) return a === b ? order : a === null ? 1 : -1;
    var compared = numeric ? a - b : gridNames.compare(a, b);
    if (compared === 0) return order;
    return descending ? -compared : compared;
  });
  rows.forEach(function (row) { body.appendChild(row); });
}
Array.prototype.forEach.call(document.querySelectorAll('table.grid'), function (table) {
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header) {
    var button = header.querySelector('button.sort');
    if (button) button.addEventListener('click', function () { sortGrid(table, header); });
  });
});
`;
