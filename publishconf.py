"""Settings for the published site: pelicanconf.py plus what only production needs."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

# The address the site is served from; CI may set it for another host.
PUBLIC_URL = os.environ.get("PUBLIC_URL", PUBLIC_URL)  # noqa: F405
FEED_DOMAIN = PUBLIC_URL

# Where `invoke publish` sends the site (plugins/eduweb/deploy.py; README,
# "Deploying"). Each may be set here or, for secrets and CI, in the
# environment variable of the same name. DEPLOY_TARGET: "rsync", "s3" or
# "none" (build only); `invoke publish --target` overrides it.
DEPLOY_TARGET = os.environ.get("DEPLOY_TARGET", "none")
# rsync over SSH: user@host:/folder, the SSH port, the private key and a
# known_hosts file holding the server's host key (checked strictly).
DEPLOY_RSYNC_TARGET = os.environ.get("DEPLOY_RSYNC_TARGET", "")
DEPLOY_SSH_PORT = os.environ.get("DEPLOY_SSH_PORT", 22)
DEPLOY_SSH_KEY = os.environ.get("DEPLOY_SSH_KEY", "")
DEPLOY_SSH_KNOWN_HOSTS = os.environ.get("DEPLOY_SSH_KNOWN_HOSTS", "")
# An S3-compatible bucket; the keys are read from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY. An empty endpoint or region falls back to
# AWS_ENDPOINT_URL and AWS_REGION (or AWS's own defaults).
DEPLOY_S3_BUCKET = os.environ.get("DEPLOY_S3_BUCKET", "")
DEPLOY_S3_ENDPOINT_URL = os.environ.get("DEPLOY_S3_ENDPOINT_URL", "")
DEPLOY_S3_REGION = os.environ.get("DEPLOY_S3_REGION", "")
DEPLOY_S3_PREFIX = os.environ.get("DEPLOY_S3_PREFIX", "")
