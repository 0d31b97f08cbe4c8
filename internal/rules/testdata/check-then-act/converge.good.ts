export class SessionService {
  constructor(private readonly sessionRepository: any, private readonly settingsRepository: any) {}

  // Sliding expiry: two racing refreshes both write "now + 1h".
  async touch(token: string) {
    const session = await this.sessionRepository.findOne({ where: { token } });
    if (session && session.expiresAt < new Date()) {
      session.expiresAt = new Date(Date.now() + 3600_000);
      await this.sessionRepository.save(session);
    }
  }

  // Setting the field to the value the check found missing converges.
  async setTheme(userId: string, theme: string) {
    const settings = await this.settingsRepository.findOneBy({ userId });
    if (settings.theme !== theme) {
      await this.settingsRepository.update({ userId }, { theme });
    }
  }

  // A counter bumped with no check on it is a plain atomic increment.
  async hit(id: string) {
    const page = await this.settingsRepository.findOneBy({ id });
    if (!page.enabled) return;
    await this.settingsRepository.increment({ id }, "hits", 1);
  }
}
