"""Settings for the published site: pelicanconf.py plus what only production needs."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

# The address the site is served from; CI may set it for another host.
PUBLIC_URL = os.environ.get("PUBLIC_URL", PUBLIC_URL)  # noqa: F405
FEED_DOMAIN = PUBLIC_URL
