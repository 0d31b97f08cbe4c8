const { dataSource } = require("./db");

const pages = dataSource.getRepository("Page");

// The page was looked up by its slug and is saved whole: a test of the
// slug cannot go stale, the same row still has it.
async function rename(slug, title) {
  const page = await pages.findOne({ where: { slug } });
  if (page.slug === "home") throw new Error("the home page keeps its title");
  page.title = title;
  await pages.save(page);
}

module.exports = { rename };
