exports.findCache = async function (name) {
  return name ? { name } : null;
};
