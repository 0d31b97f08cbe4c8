// A settings update that writes each field only when the request gives it:
// the value written is then the request's, and the stored value read before
// the await is used only on the path that writes nothing.

const systemConfig = { ssoIssuer: "", ssoEnabled: false };

declare function verifyIssuer(issuer: string): Promise<void>;

export async function updateSettings(config: { ssoIssuer?: string; ssoEnabled?: boolean }) {
  const issuer = config.ssoIssuer != null ? String(config.ssoIssuer) : systemConfig.ssoIssuer;
  const enable = config.ssoEnabled != null ? Boolean(config.ssoEnabled) : systemConfig.ssoEnabled;
  if (enable) {
    await verifyIssuer(issuer);
  }
  if (config.ssoIssuer != null) systemConfig.ssoIssuer = issuer;
  if (config.ssoEnabled != null) {
    systemConfig.ssoEnabled = enable;
  }
}
