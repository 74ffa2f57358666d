"""The facts the clients app publishes through core.record_hooks (ADR 0006)."""

APPLICATION_FILED = "clients.application_filed"  # 申請代行: an application (renewal, …) was filed

KINDS = (APPLICATION_FILED,)
