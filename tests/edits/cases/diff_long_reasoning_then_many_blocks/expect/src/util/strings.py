def shout(text):
    return text.upper()


def whisper(text: str) -> str:
    return text.lower()
