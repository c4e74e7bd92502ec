import { expect, type Page } from '@playwright/test';

/** The start page: "Host a class" and the join form. */
export class HomePage {
  constructor(readonly page: Page) {}

  async open(path = '/') {
    await this.page.goto(path);
  }

  async hostClass(): Promise<string> {
    await this.page.getByRole('button', { name: 'Host a class' }).click();
    await this.page.waitForURL(/\/host\/[A-Z0-9]{6}$/);
    return this.page.url().split('/').pop() as string;
  }

  codeField() {
    return this.page.getByRole('textbox', { name: 'Join code' });
  }

  async join(code: string | null, nickname: string) {
    if (code !== null) await this.codeField().fill(code);
    await this.page.getByRole('textbox', { name: 'Nickname' }).fill(nickname);
    await this.page.getByRole('button', { name: 'Join' }).click();
  }

  /** The error shown on the form (field-level or form-level). */
  error() {
    return this.page.getByRole('main').getByRole('alert');
  }

  async expectError(text: string | RegExp) {
    await expect(this.error()).toContainText(text);
  }
}
