def seed(ctx) -> None:
    return None
