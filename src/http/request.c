/* request.c: the small accessors on struct request and struct response. */
#include "http/request.h"

#include <string.h>

static void add(struct response *res, const char *name, const char *value, size_t limit)
{
	if (res->nheaders >= limit) {
		res->body.failed = 1;
		return;
	}
	res->headers[res->nheaders].name = name;
	res->headers[res->nheaders].value = value;
	res->nheaders++;
}

void response_header(struct response *res, const char *name, const char *value)
{
	add(res, name, value, RESPONSE_HANDLER_HEADERS);
}

void response_header_final(struct response *res, const char *name, const char *value)
{
	add(res, name, value, RESPONSE_MAX_HEADERS);
}

const char *request_header(const struct request *req, const char *name)
{
	return params_get_ci(&req->headers, name);
}

int request_path_is_api(const char *path)
{
	return strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0;
}
