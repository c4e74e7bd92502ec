import { expect, type Page } from '@playwright/test';

/** A student's screen after joining. */
export class StudentPage {
  constructor(readonly page: Page) {}

  async expectJoinedAs(nickname: string) {
    await expect(this.page.getByTestId('welcome')).toHaveText(`You're in, ${nickname}`);
  }

  async expectRemoved() {
    await expect(this.page.getByRole('main').getByRole('alert')).toContainText('removed you');
  }
}
