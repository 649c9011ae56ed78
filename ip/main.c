// SPDX-License-Identifier: GPL-2.0-or-later
#include "ip.h"

int main(int argc, char **argv)
{
	return ip_main(argc, argv);
}
