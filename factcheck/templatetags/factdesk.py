from django import template

from factcheck import selectors

register = template.Library()


@register.inclusion_tag("admin/factcheck/dashboard.html", takes_context=True)
def factdesk_dashboard(context):
    return {"dashboard": selectors.dashboard(), "request": context.get("request")}
