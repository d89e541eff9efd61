"""Background tasks of the notifications, run by ``manage.py db_worker`` (django-tasks, database backend)."""

from django_tasks import task

from . import messaging, services


@task()
def send_email_delivery(delivery_id: int, base_url: str = "") -> str:
    return services.deliver(delivery_id=delivery_id, base_url=base_url)


@task()
def send_messenger_delivery(delivery_id: int, base_url: str = "") -> str:
    return messaging.deliver_message(delivery_id=delivery_id, base_url=base_url)
