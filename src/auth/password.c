/*
 * password.c: Argon2id hashing, the password policy, generated passwords.
 *
 * Hashing is libsodium's crypto_pwhash_str at its "interactive" limits: the
 * encoded string carries its own salt and cost, so stronger limits later
 * need no schema change and old hashes still verify.  Each call runs
 * sodium_init() first (idempotent and cheap once done) so the command line
 * and the tests need not remember to.
 *
 * password_verify_dummy() verifies against one hash made once per process
 * (pthread_once), with the same limits as real hashes, so a sign-in for an
 * unknown account costs what a real one costs.
 *
 * The policy counts characters as UTF-8 code points, so "ééééééééééé"
 * (11 characters, 22 bytes) is too short while twelve of them pass; the
 * upper bound is in bytes, because that is what is hashed and stored.
 */
#include "auth/password.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define GENERATED_ALPHABET "23456789abcdefghjkmnpqrstuvwxyz"
#define GENERATED_GROUPS 4
#define GENERATED_GROUP_LEN 5
_Static_assert(GENERATED_GROUPS * (GENERATED_GROUP_LEN + 1) == PASSWORD_GENERATED_SIZE,
	       "groups, hyphens and the NUL fill PASSWORD_GENERATED_SIZE");

static int sodium_ready(void)
{
	return sodium_init() >= 0;
}

enum err password_hash(const char *password, char out[PASSWORD_HASH_MAX])
{
	size_t n = password ? strlen(password) : 0;
	out[0] = '\0';
	if (!password || n > PASSWORD_MAX_BYTES)
		return E_INVAL;
	if (!sodium_ready())
		return E_NOMEM;
	/* The only failure crypto_pwhash_str reports is not getting its memory. */
	if (crypto_pwhash_str(out, password, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return E_NOMEM;
	return E_OK;
}

int password_verify(const char *hash, const char *password)
{
	if (!hash || !password || strlen(password) > PASSWORD_MAX_BYTES ||
	    strnlen(hash, PASSWORD_HASH_MAX) >= PASSWORD_HASH_MAX || !sodium_ready())
		return 0;
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

static char dummy_hash[PASSWORD_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_make(void)
{
	unsigned char raw[16];
	char secret[sizeof raw * 2 + 1];
	if (!sodium_ready())
		return;
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(secret, sizeof secret, raw, sizeof raw);
	if (password_hash(secret, dummy_hash) != E_OK)
		dummy_hash[0] = '\0';
}

void password_verify_dummy(const char *password)
{
	pthread_once(&dummy_once, dummy_make);
	/* Refused the same way password_verify() refuses, at the same cost. */
	if (!password || strlen(password) > PASSWORD_MAX_BYTES || !dummy_hash[0])
		return;
	int matched = crypto_pwhash_str_verify(dummy_hash, password, strlen(password)) == 0;
	(void)matched; /* a random secret: only the time spent matters */
}

/* Characters (code points) in UTF-8 text: every byte but continuations. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* 1 when s is one character (of any byte length) written over and over. */
static int one_character_repeated(const char *s)
{
	size_t n = strlen(s), k = 1;
	while (k < n && ((unsigned char)s[k] & 0xC0) == 0x80)
		k++;
	if (n == 0 || n % k)
		return 0;
	for (size_t i = k; i < n; i += k)
		if (memcmp(s, s + i, k) != 0)
			return 0;
	return 1;
}

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* ASCII case-insensitive equality of s and the n bytes at t. */
static int same_ignoring_case(const char *s, const char *t, size_t n)
{
	if (strlen(s) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (ascii_lower((unsigned char)s[i]) != ascii_lower((unsigned char)t[i]))
			return 0;
	return 1;
}

static int is_own_email(const char *password, const char *email)
{
	if (!email || !*email)
		return 0;
	if (same_ignoring_case(password, email, strlen(email)))
		return 1;
	const char *at = strrchr(email, '@');
	return at && at > email && same_ignoring_case(password, email, (size_t)(at - email));
}

const char *password_policy_check(const char *password, const char *email)
{
	if (!password || !*password)
		return "Enter a password";
	if (strlen(password) > PASSWORD_MAX_BYTES)
		return "Enter a shorter password: this one is too long";
	if (utf8_chars(password) < PASSWORD_MIN_CHARS)
		return "Enter a password of at least 12 characters";
	if (one_character_repeated(password))
		return "Choose a password that is harder to guess: "
		       "this one is a single character repeated";
	if (is_own_email(password, email))
		return "Choose a password that is not your email address";
	if (password_is_common(password))
		return "Choose a password that is harder to guess: "
		       "this one is on a list of common passwords";
	return NULL;
}

void password_generate(char out[PASSWORD_GENERATED_SIZE])
{
	static const char alphabet[] = GENERATED_ALPHABET;
	size_t j = 0;
	if (!sodium_ready())
		abort(); /* no source of randomness: refuse rather than repeat */
	for (int g = 0; g < GENERATED_GROUPS; g++) {
		if (g)
			out[j++] = '-';
		for (int i = 0; i < GENERATED_GROUP_LEN; i++)
			out[j++] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	}
	out[j] = '\0';
}
