-- What each login was made from ("Chrome on Android"), so that a person can tell their logins apart
-- in Settings and sign out the ones they do not recognise. Read from the User-Agent at login.
ALTER TABLE sessions ADD COLUMN client VARCHAR(100);
