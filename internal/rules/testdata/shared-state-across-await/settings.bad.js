// The write is guarded by another condition than the one that chose the
// value: when the request leaves the issuer out, the stored issuer read
// before the await is written back over a concurrent update.

const systemConfig = { ssoIssuer: "", ssoEnabled: false };

async function verifyIssuer(issuer) {
  await fetch(issuer);
}

async function updateSettings(config) {
  const issuer = config.ssoIssuer != null ? String(config.ssoIssuer) : systemConfig.ssoIssuer;
  await verifyIssuer(issuer);
  if (config.ssoEnabled != null) systemConfig.ssoIssuer = issuer; // expect: shared-state-across-await
}

module.exports = { updateSettings };
