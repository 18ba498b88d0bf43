// compromise with the compromise-dates plugin: one nlp() parse per document,
// then people, places, organizations, dates (publication date as `today`),
// numbers, percentages and money. Core compromise 14 has numbers built in
// (the old compromise-numbers plugin is for version 13).
const nlp = require('compromise');
nlp.plugin(require('compromise-dates'));
const c = {people: 0, places: 0, organizations: 0, dates: 0, numbers: 0, percentages: 0, money: 0};
require('./jsonl')(c, (text, ref) => {
  const doc = nlp(text);
  c.people += doc.people().length;
  c.places += doc.places().length;
  c.organizations += doc.organizations().length;
  c.dates += doc.dates({today: ref.toISOString().slice(0, 10)}).length;
  c.numbers += doc.numbers().length;
  c.percentages += doc.percentages().length;
  c.money += doc.money().length;
});
