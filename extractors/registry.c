/* The extractors in the order they run. Order matters: dates, money and
 * percentages claim their numbers before counts look; entities before
 * attribution, which names sources by entity. */
#include "extractor.h"

extern const cx_extractor cx_extractor_date, cx_extractor_money,
    cx_extractor_percent, cx_extractor_count, cx_extractor_entity,
    cx_extractor_attribution;

const cx_extractor *const cx_extractors[] = {
    &cx_extractor_date,   &cx_extractor_money,  &cx_extractor_percent,
    &cx_extractor_count,  &cx_extractor_entity, &cx_extractor_attribution,
};
const size_t cx_n_extractors = sizeof cx_extractors / sizeof *cx_extractors;
