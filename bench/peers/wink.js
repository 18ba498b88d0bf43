// wink-nlp with wink-eng-lite-web-model: readDoc per document and its named
// entities (DATE, CARDINAL, MONEY, PERCENT, ...), counted by type. The API
// takes no reference date.
const winkNLP = require('wink-nlp');
const nlp = winkNLP(require('wink-eng-lite-web-model'));
const c = {entities: 0};
require('./jsonl')(c, (text) => {
  for (const type of nlp.readDoc(text).entities().out(nlp.its.type)) {
    c.entities++;
    c[type] = (c[type] || 0) + 1;
  }
});
