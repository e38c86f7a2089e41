/* request.c: the small accessors on struct request and struct response. */
#include "http/request.h"

void response_header(struct response *res, const char *name, const char *value)
{
	if (res->nheaders < RESPONSE_MAX_HEADERS) {
		res->headers[res->nheaders].name = name;
		res->headers[res->nheaders].value = value;
		res->nheaders++;
	}
}

const char *request_header(const struct request *req, const char *name)
{
	return params_get_ci(&req->headers, name);
}
