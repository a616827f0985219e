"""Telegram adapters, one module per conversation."""

import warnings

from telegram.warnings import PTBUserWarning

# Our button steps run in per-chat conversations on purpose (one form per citizen, not per
# message), so PTB's per_message advice does not apply. Silenced here, once, before any
# handler module builds a ConversationHandler.
warnings.filterwarnings("ignore", message=r".*per_message=False.*", category=PTBUserWarning)
