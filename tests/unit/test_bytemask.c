/* Byte-class masks (normalizers/bytemask.h) against a byte-by-byte oracle,
 * over every byte value, every tail length and random text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../../normalizers/bytemask.h"

static int is_letter(unsigned c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_dig(unsigned c) { return c >= '0' && c <= '9'; }
static int is_ws(unsigned c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

static void check(const unsigned char *s, size_t n) {
  uint64_t a = 0, d = 0, w = 0, h = 0, p = 0;
  for (size_t i = 0; i < n; i++) {
    a |= (uint64_t)is_letter(s[i]) << i;
    d |= (uint64_t)is_dig(s[i]) << i;
    w |= (uint64_t)is_ws(s[i]) << i;
    h |= (uint64_t)(s[i] >= 0x80) << i;
    p |= (uint64_t)(s[i] == 'p' || s[i] == '%' || s[i] == 0x80 || s[i] == '.') << i;
  }
  uint64_t ga, gd, gw, gh;
  cx_mask64_tail(s, n, &ga, &gd);
  assert_true(ga == a && gd == d);
  if (n == 64) {
    cx_mask64(s, &ga, &gd);
    assert_true(ga == a && gd == d);
  }
  cx_mask64_classes(s, n, &ga, &gd, &gw, &gh);
  assert_true(ga == a && gd == d && gw == w && gh == h);
  assert_true(cx_mask64_bytes(s, n, 'p', '%', 0x80, '.') == p);
}

static void test_every_byte(void **state) {
  (void)state;
  unsigned char s[64];
  for (unsigned base = 0; base < 256; base += 64) {
    for (unsigned i = 0; i < 64; i++) s[i] = (unsigned char)(base + i);
    for (size_t n = 0; n <= 64; n++) check(s, n);
  }
}

static void test_random_text(void **state) {
  (void)state;
  static const char pool[] = "aZ09 \n\t\r.,%p-\x80\xc3\xa9\xff\x01@[`{/:";
  unsigned char s[64];
  uint32_t r = 12345;
  for (int round = 0; round < 2000; round++) {
    for (int i = 0; i < 64; i++) {
      r = r * 1103515245u + 12345u;
      s[i] = (unsigned char)pool[(r >> 16) % (sizeof pool - 1)];
    }
    check(s, (size_t)round % 65);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_byte),
      cmocka_unit_test(test_random_text),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
