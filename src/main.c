/* main.c: jcs is one binary; the command line decides what it does. */
#include "cli/cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
