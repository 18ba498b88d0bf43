// Microsoft Recognizers-Text, English: the number, currency, percentage and
// date-time models over each document (date-time with the publication date
// as reference). The models are built once: the suite's recognizeNumber()
// etc. helpers rebuild their recognizer on every call, which is slower still.
const {Culture} = require('@microsoft/recognizers-text-suite');
const {NumberRecognizer} = require('@microsoft/recognizers-text-number');
const {NumberWithUnitRecognizer} = require('@microsoft/recognizers-text-number-with-unit');
const {DateTimeRecognizer} = require('@microsoft/recognizers-text-date-time');
const en = Culture.English;
const numbers = new NumberRecognizer(en).getNumberModel();
const percentages = new NumberRecognizer(en).getPercentageModel();
const currency = new NumberWithUnitRecognizer(en).getCurrencyModel();
const datetime = new DateTimeRecognizer(en).getDateTimeModel();
const c = {numbers: 0, currency: 0, percentages: 0, datetimes: 0};
require('./jsonl')(c, (text, ref) => {
  c.numbers += numbers.parse(text).length;
  c.currency += currency.parse(text).length;
  c.percentages += percentages.parse(text).length;
  c.datetimes += datetime.parse(text, ref).length;
});
