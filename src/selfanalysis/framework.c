/*
 * framework.c: reading and validating framework JSON.
 *
 * Validation is strict (unknown fields, wrong types, out-of-range numbers,
 * duplicate numbers or keys are all refused) because a framework outlives
 * the rounds scored on it: a typo accepted today would become a standard
 * nobody can compare tomorrow.  Every message starts with the path of the
 * field it is about (0-based array indexes, as jq writes them) so a person
 * editing the file can find it.  The JSON goes through json_body_parse for
 * its depth pre-scan and duplicate-member refusal, the same as API bodies.
 *
 * The shipped frameworks are the files in data/frameworks/, turned into
 * byte arrays by CMake (generated/frameworks_data.c) and parsed by the
 * same parser, so they can never drift from the format an imported
 * framework must follow.  Each is parsed once per process, on first use,
 * into memory that lives as long as the process and is shared read-only
 * by every thread: an import of 40 respondents would otherwise parse the
 * same JSON 40 times.
 */
#include "selfanalysis/framework.h"

#include <jansson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "http/json_body.h"

/* Defined in the generated generated/frameworks_data.c. */
extern const char *const framework_embedded_ids[];
extern const unsigned char *const framework_embedded_json[];
extern const size_t framework_embedded_len[];

#define MAX_DEPTH 8

/* Longest text, in bytes, of each kind of string. */
enum {
	LEN_TITLE = 500,
	LEN_SOURCE = 1000,
	LEN_VERSION = 64,
	LEN_LABEL = 300,
	LEN_STD_TITLE = 1000,
	LEN_TEXT = 8000,
	LEN_SECTION = 200,
	LEN_EXCELLENCE = 1000,
};

struct ctx {
	struct pool *p;
	char *err;
	size_t errlen;
};

__attribute__((format(printf, 3, 4)))
static enum err fail(struct ctx *c, enum err rc, const char *fmt, ...)
{
	va_list ap;

	if (c->errlen) {
		va_start(ap, fmt);
		vsnprintf(c->err, c->errlen, fmt, ap);
		va_end(ap);
	}
	return rc;
}

/* Refuses members other than the allowed ones: they are typos or data we would drop. */
static enum err only_fields(struct ctx *c, json_t *obj, const char *path,
			    const char *const *allowed)
{
	const char *k;
	json_t *v;

	json_object_foreach(obj, k, v) {
		size_t i;
		for (i = 0; allowed[i] && strcmp(allowed[i], k) != 0; i++)
			;
		if (!allowed[i])
			return fail(c, E_INVAL, "%s%s%.40s: unknown field", path,
				    *path ? "." : "", k);
	}
	return E_OK;
}

/*
 * Text copied into the pool.  Empty and over-long text is refused; so are
 * control characters, except line breaks and tabs where multiline is set,
 * because titles go into single-line table cells and CSV.  field is the
 * full path of the value, for the message.
 */
static enum err check_text(struct ctx *c, json_t *v, const char *field,
			   size_t maxlen, bool multiline, const char **out)
{
	if (!json_is_string(v))
		return fail(c, E_INVAL, "%s: must be text", field);
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);
	if (n == 0)
		return fail(c, E_INVAL, "%s: must not be empty", field);
	if (n > maxlen)
		return fail(c, E_TOOBIG, "%s: must be at most %zu bytes", field,
			    maxlen);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if ((ch < 0x20 && !(multiline && (ch == '\n' || ch == '\t'))) ||
		    ch == 0x7f)
			return fail(c, E_INVAL,
				    "%s: must not contain control characters", field);
	}
	*out = pool_strndup(c->p, s, n);
	return *out ? E_OK : E_NOMEM;
}

static enum err get_string(struct ctx *c, json_t *obj, const char *path,
			   const char *name, bool required, size_t maxlen,
			   bool multiline, const char **out)
{
	json_t *v = json_object_get(obj, name);
	char field[128];

	snprintf(field, sizeof field, "%s%s%s", path, *path ? "." : "", name);
	*out = NULL;
	if (!v)
		return required ? fail(c, E_INVAL, "%s: is required", field) : E_OK;
	return check_text(c, v, field, maxlen, multiline, out);
}

static enum err get_bool(struct ctx *c, json_t *obj, const char *path,
			 const char *name, bool *out)
{
	json_t *v = json_object_get(obj, name);

	if (!v)
		return fail(c, E_INVAL, "%s.%s: is required", path, name);
	if (!json_is_boolean(v))
		return fail(c, E_INVAL, "%s.%s: must be true or false", path, name);
	*out = json_is_true(v);
	return E_OK;
}

static enum err get_int(struct ctx *c, json_t *obj, const char *path,
			const char *name, int min, int max, int *out)
{
	json_t *v = json_object_get(obj, name);

	if (!v)
		return fail(c, E_INVAL, "%s.%s: is required", path, name);
	if (!json_is_integer(v))
		return fail(c, E_INVAL, "%s.%s: must be a whole number", path, name);
	json_int_t n = json_integer_value(v);
	if (n < min || n > max)
		return fail(c, E_RANGE, "%s.%s: must be from %d to %d", path, name,
			    min, max);
	*out = (int)n;
	return E_OK;
}

/* An identifier: a lower-case letter, then lower-case letters, digits and single hyphens. */
static bool is_slug(const char *s)
{
	if (!s || !(*s >= 'a' && *s <= 'z'))
		return false;
	for (const char *q = s; *q; q++) {
		bool ok = (*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') ||
			  (*q == '-' && q[1] != '-' && q[1] != '\0');
		if (!ok)
			return false;
	}
	return true;
}

static enum err get_slug(struct ctx *c, json_t *obj, const char *path,
			 const char *name, const char **out)
{
	const char *sep = *path ? "." : "";
	enum err rc = get_string(c, obj, path, name, true, FRAMEWORK_MAX_ID,
				 false, out);
	if (rc)
		return rc;
	if (!is_slug(*out))
		return fail(c, E_INVAL,
			    "%s%s%s: must be lower-case letters, digits and hyphens, "
			    "starting with a letter",
			    path, sep, name);
	return E_OK;
}

static json_t *get_array(struct ctx *c, json_t *obj, const char *path,
			 const char *name, bool required, size_t min, size_t max,
			 enum err *rc)
{
	const char *sep = *path ? "." : "";
	json_t *v = json_object_get(obj, name);

	*rc = E_OK;
	if (!v) {
		if (required)
			*rc = fail(c, E_INVAL, "%s%s%s: is required", path, sep, name);
		return NULL;
	}
	if (!json_is_array(v)) {
		*rc = fail(c, E_INVAL, "%s%s%s: must be a list", path, sep, name);
		return NULL;
	}
	size_t n = json_array_size(v);
	if (n < min) {
		*rc = fail(c, E_INVAL, "%s%s%s: must have at least %zu entries",
			   path, sep, name, min);
		return NULL;
	}
	if (n > max) {
		*rc = fail(c, E_TOOBIG, "%s%s%s: must have at most %zu entries",
			   path, sep, name, max);
		return NULL;
	}
	return v;
}

static enum err parse_scale(struct ctx *c, json_t *root, struct framework *f)
{
	static const char *const scale_fields[] = {"points", "half_points",
						    "dont_know", NULL};
	static const char *const point_fields[] = {"value", "label", NULL};
	json_t *sc = json_object_get(root, "scale"), *pts, *pt;
	char path[48];
	enum err rc;
	size_t i;

	if (!sc)
		return fail(c, E_INVAL, "scale: is required");
	if (!json_is_object(sc))
		return fail(c, E_INVAL, "scale: must be an object");
	if ((rc = only_fields(c, sc, "scale", scale_fields)))
		return rc;
	pts = get_array(c, sc, "scale", "points", true, 2, FRAMEWORK_MAX_POINTS, &rc);
	if (!pts)
		return rc;
	f->n_points = json_array_size(pts);
	f->points = pool_zalloc(c->p, f->n_points * sizeof *f->points);
	if (!f->points)
		return E_NOMEM;
	json_array_foreach(pts, i, pt) {
		struct framework_point *fp = &f->points[i];
		snprintf(path, sizeof path, "scale.points[%zu]", i);
		if (!json_is_object(pt))
			return fail(c, E_INVAL, "%s: must be an object", path);
		if ((rc = only_fields(c, pt, path, point_fields)) ||
		    (rc = get_int(c, pt, path, "value", 0, FRAMEWORK_MAX_VALUE,
				  &fp->value)) ||
		    (rc = get_string(c, pt, path, "label", false, LEN_LABEL, false,
				     &fp->label)))
			return rc;
		/* Consecutive whole points: half points and "1 / 2" mean "between two neighbours". */
		if (i > 0 && fp->value != f->points[i - 1].value + 1)
			return fail(c, E_INVAL,
				    "%s.value: must be one more than the point before (%d)",
				    path, f->points[i - 1].value);
	}
	if ((rc = get_bool(c, sc, "scale", "half_points", &f->half_points)) ||
	    (rc = get_bool(c, sc, "scale", "dont_know", &f->dont_know)))
		return rc;
	return E_OK;
}

static enum err parse_standard(struct ctx *c, json_t *js, size_t idx,
			       struct framework *f)
{
	static const char *const fields[] = {"number", "key", "title", "text",
					     "section", "excellence", NULL};
	struct framework_standard *s = &f->standards[idx];
	char path[48], epath[128];
	json_t *ex, *e;
	enum err rc;
	size_t i;

	snprintf(path, sizeof path, "standards[%zu]", idx);
	if (!json_is_object(js))
		return fail(c, E_INVAL, "%s: must be an object", path);
	if ((rc = only_fields(c, js, path, fields)) ||
	    (rc = get_int(c, js, path, "number", 1, FRAMEWORK_MAX_NUMBER,
			  &s->number)) ||
	    (rc = get_slug(c, js, path, "key", &s->key)) ||
	    (rc = get_string(c, js, path, "title", true, LEN_STD_TITLE, false,
			     &s->title)) ||
	    (rc = get_string(c, js, path, "text", false, LEN_TEXT, true,
			     &s->text)) ||
	    (rc = get_string(c, js, path, "section", false, LEN_SECTION, false,
			     &s->section)))
		return rc;
	for (i = 0; i < idx; i++) {
		if (f->standards[i].number == s->number)
			return fail(c, E_INVAL,
				    "%s.number: %d is already the number of standards[%zu]",
				    path, s->number, i);
		if (strcmp(f->standards[i].key, s->key) == 0)
			return fail(c, E_INVAL,
				    "%s.key: '%s' is already the key of standards[%zu]",
				    path, s->key, i);
	}
	ex = get_array(c, js, path, "excellence", false, 0,
		       FRAMEWORK_MAX_EXCELLENCE, &rc);
	if (rc)
		return rc;
	/* Never NULL, so callers can loop without a check. */
	s->n_excellence = ex ? json_array_size(ex) : 0;
	s->excellence = pool_zalloc(c->p, (s->n_excellence + 1) * sizeof *s->excellence);
	if (!s->excellence)
		return E_NOMEM;
	json_array_foreach(ex, i, e) {
		snprintf(epath, sizeof epath, "%s.excellence[%zu]", path, i);
		if ((rc = check_text(c, e, epath, LEN_EXCELLENCE, true,
				      &s->excellence[i])))
			return rc;
	}
	return E_OK;
}

enum err framework_parse(const char *json, size_t len, struct pool *p,
			 struct framework *out, char *err, size_t errlen)
{
	static const char *const fields[] = {"id", "title", "source", "version",
					     "scale", "standards", NULL};
	struct ctx c = {p, err, errlen};
	json_t *root = NULL, *stds, *js;
	char jerr[FRAMEWORK_ERR_SIZE];
	enum err rc;
	size_t i;

	memset(out, 0, sizeof *out);
	if (errlen)
		err[0] = '\0';
	if (len > FRAMEWORK_MAX_JSON)
		return fail(&c, E_TOOBIG, "the file is larger than %u bytes",
			    FRAMEWORK_MAX_JSON);
	rc = json_body_parse("application/json", json, len, MAX_DEPTH, &root,
			     jerr, sizeof jerr);
	if (rc)
		return fail(&c, rc, "not valid JSON: %s", jerr);
	if (!json_is_object(root)) {
		rc = fail(&c, E_INVAL, "the file must hold one JSON object");
		goto out;
	}
	if ((rc = only_fields(&c, root, "", fields)) ||
	    (rc = get_slug(&c, root, "", "id", &out->id)) ||
	    (rc = get_string(&c, root, "", "title", true, LEN_TITLE, false,
			     &out->title)) ||
	    (rc = get_string(&c, root, "", "source", true, LEN_SOURCE, true,
			     &out->source)) ||
	    (rc = get_string(&c, root, "", "version", true, LEN_VERSION, false,
			     &out->version)) ||
	    (rc = parse_scale(&c, root, out)))
		goto out;
	stds = get_array(&c, root, "", "standards", true, 1,
			 FRAMEWORK_MAX_STANDARDS, &rc);
	if (!stds)
		goto out;
	out->n_standards = json_array_size(stds);
	out->standards = pool_zalloc(p, out->n_standards * sizeof *out->standards);
	if (!out->standards) {
		rc = E_NOMEM;
		goto out;
	}
	json_array_foreach(stds, i, js) {
		if ((rc = parse_standard(&c, js, i, out)))
			goto out;
	}
out:
	json_decref(root);
	if (rc)
		memset(out, 0, sizeof *out);
	return rc;
}

const char *const *framework_builtin_list(void)
{
	return framework_embedded_ids;
}

const char *framework_builtin_json(const char *id, size_t *len)
{
	for (size_t i = 0; id && framework_embedded_ids[i]; i++) {
		if (strcmp(framework_embedded_ids[i], id) == 0) {
			*len = framework_embedded_len[i];
			return (const char *)framework_embedded_json[i];
		}
	}
	return NULL;
}

/* The parsed shipped frameworks (framework_builtin): filled once each,
 * under the lock, never changed or freed afterwards. */
#define BUILTIN_MAX 32
static pthread_mutex_t builtin_lock = PTHREAD_MUTEX_INITIALIZER;
static struct pool builtin_pool;
static struct framework builtin_parsed[BUILTIN_MAX];
static int builtin_ready[BUILTIN_MAX];

enum err framework_builtin(const char *id, struct pool *p,
			   struct framework *out)
{
	(void)p; /* the shipped frameworks live in builtin_pool */
	memset(out, 0, sizeof *out);
	size_t i = 0;
	while (framework_embedded_ids[i] && strcmp(framework_embedded_ids[i], id ? id : "") != 0)
		i++;
	if (!framework_embedded_ids[i])
		return E_NOTFOUND;
	if (i >= BUILTIN_MAX)
		return E_TOOBIG;
	enum err rc = E_OK;
	pthread_mutex_lock(&builtin_lock);
	if (!builtin_ready[i]) {
		char err[FRAMEWORK_ERR_SIZE];
		if (!builtin_pool.limit)
			pool_init(&builtin_pool, BUILTIN_MAX * (FRAMEWORK_MAX_JSON * 4));
		rc = framework_parse((const char *)framework_embedded_json[i], framework_embedded_len[i],
				     &builtin_pool, &builtin_parsed[i], err, sizeof err);
		/* The shipped files are checked by the tests; a mismatch is a
		 * build defect. */
		if (rc == E_OK && strcmp(builtin_parsed[i].id, id) != 0)
			rc = E_INVAL;
		builtin_ready[i] = rc == E_OK;
	}
	if (rc == E_OK)
		*out = builtin_parsed[i];
	pthread_mutex_unlock(&builtin_lock);
	return rc;
}

const struct framework_standard *
framework_find_number(const struct framework *f, int number)
{
	for (size_t i = 0; i < f->n_standards; i++)
		if (f->standards[i].number == number)
			return &f->standards[i];
	return NULL;
}

const struct framework_standard *
framework_find_key(const struct framework *f, const char *key)
{
	for (size_t i = 0; key && i < f->n_standards; i++)
		if (strcmp(f->standards[i].key, key) == 0)
			return &f->standards[i];
	return NULL;
}
