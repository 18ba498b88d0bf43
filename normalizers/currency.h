/* Currencies: symbols, codes and names around a figure → ISO 4217.
 *
 * Transformations (before → after):
 *   "US$", "us $", "u.s $", "USD", "usd$", "US dollars" → USD
 *   "$", "dollars", "bucks"            → USD, ambiguous (document may override)
 *   "HK$", "hk $" → HKD;  "A$" → AUD;  "C$", "c $", "cad$" → CAD;  "S$" → SGD
 *   "NZ$" → NZD;  "R$" → BRL;  "Mex$", "mxn$" → MXN
 *   "€", "euros", "EUR" → EUR;  "£", "pounds", "GBP", "sterling" → GBP
 *   "¥" → JPY (ambiguous);  "yen" → JPY;  "yuan", "renminbi", "rmb", "元" → CNY
 *   "₹", "rupees", "Rs" → INR (rupees and Rs ambiguous);  "₽", "roubles", "rubles" → RUB
 *   "₩", "won" → KRW;  "lira", "turkish lira" → TRY;  "swiss francs" → CHF
 *   "MUSD", "MEUR" → USD, EUR in millions
 *   "cents", "pence", "penny" → subunit: no ISO code, amount kept in cents
 * Table: normalizers/data/currencies.tsv.
 */
#ifndef CX_CURRENCY_H
#define CX_CURRENCY_H

#include <stdbool.h>
#include <stddef.h>

#include "../pipeline/cx.h"

typedef struct cx_currencies cx_currencies;

cx_currencies *cx_currencies_new(cx_diag *diag);
void cx_currencies_free(cx_currencies *cx);

enum {
  CX_CUR_AMBIGUOUS = 1u << 0, /* a default ("$"): the document may say which */
  CX_CUR_UPPER = 1u << 1,     /* only written in capitals */
  CX_CUR_SUBUNIT = 1u << 2,   /* cents, pence */
  CX_CUR_MEGA = 1u << 3,      /* "MUSD": millions */
  CX_CUR_PREFIX = 1u << 4,    /* only before the amount */
  CX_CUR_SUFFIX = 1u << 5,    /* only after the amount */
  CX_CUR_SYMBOL = 1u << 6,    /* written with a symbol, not a word */
  CX_CUR_NAME = 1u << 7,      /* a word (dollars, euros), not a code */
  CX_CUR_GLUED = 1u << 8,     /* only glued to the digits ("20p") */
  CX_CUR_VERB = 1u << 9,      /* also an English verb ("won"): needs a
                                 scale word or a grouped figure ("5,000 won") */
};

typedef struct cx_currency {
  char iso[4];        /* "" when the unit has no ISO code */
  unsigned flags;
  size_t start, end;  /* span of the currency text */
} cx_currency;

/* Looks up a surface form as written ("US$", "swiss francs"). */
bool cx_currency_lookup(const cx_currencies *cx, const char *s, size_t n,
                        cx_currency *out);
/* Currency written just before s[at] (a figure's start), one space at most
 * between: "US$103", "hk $ 10", "USD 4.5m", "sen 100". */
bool cx_currency_before(const cx_currencies *cx, const char *s, size_t at,
                        cx_currency *out);
/* Currency written at s[at], right after a figure (glued, one space or a
 * hyphen): "4.5m USD", "5 dollars", "100 chinese yuan", "12-cent". */
bool cx_currency_after(const cx_currencies *cx, const char *s, size_t len,
                       size_t at, cx_currency *out);

/* The currency a document's web address implies for an ambiguous sign:
 * "https://www.smh.com.au/..." → AUD for "$". family: 'd' dollar sign,
 * 'y' yen/yuan sign, 'r' rupee. false when the address says nothing.
 * Table: normalizers/data/outlet_currencies.tsv. */
bool cx_currency_for_url(const cx_currencies *cx, const char *url,
                         char iso[4], char *family);

#endif
