import { expect, newEmail, signInThroughUi, signUpThroughUi, TEST_PASSWORD, signedOutTest as test } from "./fixtures";

// Signed-out flows: these tests sign up through the form, since signing up is what they test.
// Several sign-ups and sign-ins each (scrypt on a busy 2-core machine): a roomier bound per test.
test.describe.configure({ timeout: 120_000 });

test("sign up, sign out, wrong password, sign in", async ({ page }) => {
  const user = { email: newEmail("auth"), password: TEST_PASSWORD };

  // Behind sign-in: a signed-out visitor is sent to /signin.
  await page.goto("/settings/webhooks");
  await expect(page).toHaveURL(/\/signin/);

  await signUpThroughUi(page, user);
  await page.getByRole("button", { name: "Account menu" }).click();
  await expect(page.getByRole("menu")).toContainText(user.email);
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/settings/webhooks");
  await expect(page).toHaveURL(/\/signin/);

  // The same message for a wrong password and for an email nobody registered.
  await signInThroughUi(page, { ...user, password: "not the password" });
  await expect(page.getByText("Incorrect email or password")).toBeVisible();
  await signInThroughUi(page, { email: newEmail("nobody"), password: "whatever-password" });
  await expect(page.getByText("Incorrect email or password")).toBeVisible();

  await signInThroughUi(page, user);
  await expect(page).toHaveURL(/\/settings\/webhooks$/);
  await expect(page.getByRole("heading", { name: "Webhooks", exact: true })).toBeVisible();
});

test("sign-up form: field errors, and a taken email is not revealed", async ({ page }) => {
  const user = { email: newEmail("dup"), password: TEST_PASSWORD };
  await page.goto("/signup");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("The password must be at least 8 characters")).toBeVisible();

  await signUpThroughUi(page, user);
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);

  // A taken email with another password: no "already exists", the same answer as a new
  // email whose sign-in then failed; the sign-in page says what to do.
  await page.goto("/signup");
  await page.getByLabel("Email").fill(user.email.toUpperCase());
  await page.getByLabel("Password").fill("another password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/signin\?notice=signup$/);
  await expect(
    page.getByText("We could not sign you in. If this email already has an account, sign in with its password."),
  ).toBeVisible();
  await expect(page.getByText(/already exists/)).toHaveCount(0);

  // With its own password, signing up again just signs its owner in.
  await signUpThroughUi(page, user);
  await expect(page).toHaveURL(/\/settings\/webhooks$/);
});
