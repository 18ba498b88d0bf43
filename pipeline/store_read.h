/* Read side of the claim store, for export and search: the same queries
 * over an SQLite file or a PostgreSQL URL. Rows stream: PostgreSQL results
 * are fetched through a cursor, so a large store does not sit in memory,
 * and other queries may run between rows. */
#ifndef CX_STORE_READ_H
#define CX_STORE_READ_H

#include "cx.h"

typedef struct cx_store_reader cx_store_reader;
typedef struct cx_rows cx_rows;

/* Opens an existing store read-only; NULL + diag naming it when it cannot
 * be opened or is not a claimx store. */
cx_store_reader *cx_store_reader_open(const char *target, cx_diag *diag);
void cx_store_reader_free(cx_store_reader *r);
bool cx_store_reader_is_pg(const cx_store_reader *r);

/* sql uses ? for parameters (text) and {C} where a byte-order collation
 * belongs (ORDER BY x{C}), so both backends sort alike. */
cx_rows *cx_rows_query(cx_store_reader *r, const char *sql, int n_params,
                       const char *const *params, cx_diag *diag);
/* 1 row, 0 done, -1 error (diag set). */
int cx_rows_next(cx_rows *q, cx_diag *diag);
const char *cx_rows_text(cx_rows *q, int col); /* NULL for NULL */
size_t cx_rows_len(cx_rows *q, int col);
bool cx_rows_null(cx_rows *q, int col);
int64_t cx_rows_int(cx_rows *q, int col);
double cx_rows_real(cx_rows *q, int col);
void cx_rows_free(cx_rows *q);

#endif
