import { expect, test, type Browser } from '@playwright/test';
import { expectClassroom } from './pages/classroom';
import { HomePage } from './pages/home-page';
import { HostPage } from './pages/host-page';
import { StudentPage } from './pages/student-page';

/** One browser context per actor: separate storage, so separate identities. */
async function actor(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  return { context, page, home: new HomePage(page), host: new HostPage(page), student: new StudentPage(page) };
}

test('a class gathers: host, two students, reloads, a removal and a lock', async ({ browser }) => {
  const instructor = await actor(browser);
  const ada = await actor(browser);
  const grace = await actor(browser);
  const latecomer = await actor(browser);

  // The instructor opens a class; the projector shows code, URL and QR code.
  await instructor.home.open();
  const code = await instructor.home.hostClass();
  await expect(instructor.host.joinCode()).toHaveText(code);
  const joinUrl = await instructor.host.joinUrl();
  expect(joinUrl).toMatch(new RegExp(`/\\?code=${code}$`));
  await expect(instructor.page.getByRole('img', { name: `QR code for ${joinUrl}` })).toBeVisible();
  // The classroom address is plain http: the projector says what that costs and how to get it back.
  await expect(instructor.page.getByTestId('plain-http-note')).toContainText('single-threaded wasm');
  await instructor.host.expectParticipants([]);

  // Ada follows the join URL (as the QR code would take her), the classroom address: the code is filled in.
  await ada.page.goto(joinUrl);
  await expectClassroom(ada.page);
  await expect(ada.home.codeField()).toHaveValue(code);
  await ada.home.join(null, '  Ada ');
  await ada.student.expectJoinedAs('Ada');
  await instructor.host.expectParticipants(['Ada']);

  // Grace makes every mistake first, then joins.
  await grace.home.open();
  await grace.home.join(code.toLowerCase(), 'A');
  await grace.home.expectError('at least 2');
  await grace.home.join('ZZZZZZ', 'Grace');
  await grace.home.expectError('No class uses the code ZZZZZZ');
  await grace.home.join(code.toLowerCase(), 'ADA');
  await grace.home.expectError('already called "ADA"');
  await grace.home.join(code, 'Grace');
  await grace.student.expectJoinedAs('Grace');
  await instructor.host.expectParticipants(['Ada', 'Grace']);
  await expect(instructor.page.getByTestId('presence-summary')).toHaveText('2 of 2 connected');

  // Reloading keeps who you are, for a student and for the host.
  await ada.page.reload();
  await ada.student.expectJoinedAs('Ada');
  await instructor.page.reload();
  await instructor.host.expectParticipants(['Ada', 'Grace']);

  // The host removes Grace: her screen says so, and a reload does not bring her back.
  await instructor.host.remove('Grace');
  await grace.student.expectRemoved();
  await instructor.host.expectParticipants(['Ada']);
  await grace.page.reload();
  await expect(grace.page.getByRole('main').getByRole('alert')).toContainText(`You have not joined class ${code}`);

  // Locked: nobody new gets in.
  await instructor.host.lock();
  await latecomer.home.open(`/?code=${code}`);
  await latecomer.home.join(null, 'Linus');
  await latecomer.home.expectError('locked');
  await instructor.host.expectParticipants(['Ada']);

  // A student's browser holds no host key.
  await instructor.host.expectConnected('Ada', true);
  await ada.page.goto(`${new URL(joinUrl).origin}/host/${code}`);
  await expect(ada.page.getByRole('main').getByRole('alert')).toContainText('does not hold the host key');
  // Having left the student page, Ada shows as not connected.
  await instructor.host.expectConnected('Ada', false);
});
