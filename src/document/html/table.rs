//! Where each cell of an HTML table sits: its row and column, with `colspan` and `rowspan`
//! taken into account, and a header of several rows (in `<thead>`, or held open by a header
//! cell's `rowspan`) read as one row, as the mapping tables of web pages write "National
//! outcomes" over "Outcome 2 | Outcome 6".

use crate::document::Cell;

/// Most columns or rows one cell may span, as browsers bound `colspan`.
const MAX_SPAN: usize = 1_000;

/// An open table's grid.
pub(super) struct Grid {
    table: usize,
    /// Rows begun so far, as written (`<tr>`s).
    rows_begun: usize,
    /// The row the open `<tr>` is read as: 0 for each row of the header.
    row: usize,
    /// Rows of the source that make the header: the first, more when a header cell spans down
    /// or the first row is one cell across the table (its title).
    header_rows: usize,
    /// The first row's cells, and whether it has one spanning several columns.
    first_cells: usize,
    first_spans: bool,
    in_head: bool,
    next_column: usize,
    /// For each column, how many more rows a cell from above still fills.
    filled: Vec<usize>,
}

impl Grid {
    pub fn new(table: usize) -> Self {
        Grid {
            table,
            rows_begun: 0,
            row: 0,
            header_rows: 1,
            first_cells: 0,
            first_spans: false,
            in_head: false,
            next_column: 0,
            filled: Vec::new(),
        }
    }

    /// A `<thead>` opens or closes: its rows are all the header.
    pub fn head(&mut self, open: bool) {
        self.in_head = open;
    }

    /// A `<tr>` begins.
    pub fn row(&mut self) {
        if self.rows_begun == 1 && self.first_cells == 1 && self.first_spans {
            self.header_rows = self.header_rows.max(2);
        }
        if self.rows_begun > 0 {
            for rows in &mut self.filled {
                *rows = rows.saturating_sub(1);
            }
            let header = self.in_head || self.rows_begun < self.header_rows;
            self.row = if header { 0 } else { self.row + 1 };
        }
        self.rows_begun += 1;
        self.next_column = 0;
    }

    /// A `<td>` or `<th>` begins: its place, past the columns cells from above still fill.
    pub fn cell(&mut self, header: bool, colspan: Option<&str>, rowspan: Option<&str>) -> Cell {
        let span = |value: Option<&str>| {
            value
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, MAX_SPAN)
        };
        let (columns, rows) = (span(colspan), span(rowspan));
        while self.filled.get(self.next_column).is_some_and(|&n| n > 0) {
            self.next_column += 1;
        }
        let column = self.next_column;
        if self.filled.len() < column + columns {
            self.filled.resize(column + columns, 0);
        }
        for filled in &mut self.filled[column..column + columns] {
            *filled = rows;
        }
        self.next_column += columns;
        if self.rows_begun == 1 {
            self.first_cells += 1;
            self.first_spans |= columns > 1;
            if header {
                self.header_rows = self.header_rows.max(rows);
            }
        }
        Cell {
            table: self.table,
            row: self.row,
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (row, column) of each cell of rows written as (header?, colspan, rowspan) triples.
    fn places(rows: &[&[(bool, usize, usize)]]) -> Vec<Vec<(usize, usize)>> {
        let mut grid = Grid::new(0);
        rows.iter()
            .map(|cells| {
                grid.row();
                cells
                    .iter()
                    .map(|&(header, columns, rows)| {
                        let (c, r) = (columns.to_string(), rows.to_string());
                        let cell = grid.cell(header, Some(&c), Some(&r));
                        (cell.row, cell.column)
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn spans_move_the_cells_after_them() {
        // A body cell spanning two rows: the next row starts in the second column.
        let rows: &[&[(bool, usize, usize)]] = &[
            &[(true, 1, 1), (true, 1, 1), (true, 1, 1)],
            &[(false, 1, 2), (false, 1, 1), (false, 1, 1)],
            &[(false, 1, 1), (false, 1, 1)],
            &[(false, 2, 1), (false, 1, 1)],
        ];
        assert_eq!(
            places(rows),
            [
                vec![(0, 0), (0, 1), (0, 2)],
                vec![(1, 0), (1, 1), (1, 2)],
                vec![(2, 1), (2, 2)],
                vec![(3, 0), (3, 2)],
            ]
        );
    }

    #[test]
    fn a_header_held_open_by_a_rowspan_is_one_row() {
        // "Priority" spans two header rows; "National outcomes" spans three columns above
        // "Outcome 2 | Outcome 6 | Outcome 8".
        let rows: &[&[(bool, usize, usize)]] = &[
            &[(true, 1, 2), (true, 3, 1)],
            &[(true, 1, 1), (true, 1, 1), (true, 1, 1)],
            &[(false, 1, 1), (false, 1, 1), (false, 1, 1), (false, 1, 1)],
        ];
        assert_eq!(
            places(rows),
            [
                vec![(0, 0), (0, 1)],
                vec![(0, 1), (0, 2), (0, 3)],
                vec![(1, 0), (1, 1), (1, 2), (1, 3)],
            ]
        );
    }

    #[test]
    fn a_title_across_the_table_is_part_of_its_header() {
        let rows: &[&[(bool, usize, usize)]] = &[
            &[(false, 3, 1)],
            &[(false, 1, 1), (false, 1, 1), (false, 1, 1)],
            &[(false, 1, 1), (false, 1, 1), (false, 1, 1)],
        ];
        assert_eq!(
            places(rows),
            [
                vec![(0, 0)],
                vec![(0, 0), (0, 1), (0, 2)],
                vec![(1, 0), (1, 1), (1, 2)],
            ]
        );
    }

    #[test]
    fn spans_are_bounded_and_bad_ones_are_one() {
        let mut grid = Grid::new(0);
        grid.row();
        let wide = grid.cell(false, Some("99999999999"), Some("x"));
        assert_eq!(wide.column, 0);
        assert_eq!(grid.cell(false, Some("0"), None).column, MAX_SPAN);
    }
}
