/*
 * password.h: password hashing (Argon2id, libsodium's crypto_pwhash_str at
 * its "interactive" cost), the password policy, and generated passwords.
 *
 * Policy (NCSC and NIST SP 800-63B): at least 12 characters, at most 256
 * bytes, not on the list of common passwords, not the account's own email
 * address or its local part, not one character repeated; no composition
 * rules.  A generated password is 20 characters from an alphabet without
 * look-alikes, in groups of five ("k7mq2-x9t4w-..."), about 100 bits.
 */
#ifndef JCS_PASSWORD_H
#define JCS_PASSWORD_H

#include <stddef.h>

#include "core/err.h"

#define PASSWORD_MIN_CHARS 12
#define PASSWORD_MAX_BYTES 256
/* crypto_pwhash_STRBYTES */
#define PASSWORD_HASH_MAX 128
/* A generated password and its terminating NUL. */
#define PASSWORD_GENERATED_SIZE 24

/* Hash password into out (NUL-terminated).  E_NOMEM if Argon2id could not
 * get its memory, E_INVAL for a password over PASSWORD_MAX_BYTES. */
enum err password_hash(const char *password, char out[PASSWORD_HASH_MAX]);
/* 1 when password matches hash, else 0 (also for a malformed hash). */
int password_verify(const char *hash, const char *password);
/* Spend the same time as a real verification, for accounts that do not
 * exist, so timing does not tell whether an account exists. */
void password_verify_dummy(const char *password);

/* NULL when password is acceptable for the account with this email, else
 * the reason in words for people ("Enter a password of at least 12
 * characters"). */
const char *password_policy_check(const char *password, const char *email);
/* 1 when password (any case) is on the list of common passwords. */
int password_is_common(const char *password);

/* A random password that passes the policy. */
void password_generate(char out[PASSWORD_GENERATED_SIZE]);

#endif
