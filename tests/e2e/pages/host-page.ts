import { expect, type Page } from '@playwright/test';

/** The projector screen. */
export class HostPage {
  constructor(readonly page: Page) {}

  joinCode() {
    return this.page.getByTestId('join-code');
  }

  async joinUrl(): Promise<string> {
    return (await this.page.getByTestId('join-url').textContent()) ?? '';
  }

  participants() {
    return this.page.getByRole('list', { name: 'Participants' }).getByRole('listitem');
  }

  async expectParticipants(nicknames: string[]) {
    await expect(this.participants()).toHaveText(nicknames.map((n) => new RegExp(`^${n}`)));
    await expect(this.page.getByTestId('participant-count')).toHaveText(String(nicknames.length));
  }

  /** The roster marks whether the participant has an open connection now. */
  async expectConnected(nickname: string, connected: boolean) {
    await expect(this.participants().filter({ hasText: nickname })).toHaveAttribute('data-online', String(connected));
  }

  async remove(nickname: string) {
    await this.page.getByRole('button', { name: `Remove ${nickname}` }).click();
  }

  async lock() {
    await this.page.getByRole('button', { name: 'Lock session' }).click();
    await expect(this.page.getByText('Locked: nobody new can join')).toBeVisible();
  }
}
