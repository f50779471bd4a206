{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ clear_touched_events() }}",
    )
}}

{#- Every actor involved in an event, with its role, for events whose reports name more than two
    actors or disagree on them: one row per event, actor and role, with how many of the event's
    mentions give it that role. Incremental: the events this run touched are removed and rewritten (macro
    clear_touched_events), so a deleted event keeps no actor rows. -#}

with event_mentions as (
    select * from {{ ref('fct_event_mentions') }}
),

events as (
    select * from {{ ref('fct_events_all') }}
),

live_mentions as (
    select *
    from event_mentions
    where
        not is_deleted
        and event_id is not null
    {% if is_incremental() %}
        and event_id in (select event_id from events where batch_id = '{{ batch_id() }}')
        {% endif %}
),

roles as (
    select
        event_id,
        actor1_key as actor_key,
        actor1_id as actor_id,
        actor1_name as actor_name,
        'actor1' as actor_role
    from live_mentions
    union all
    select
        event_id,
        actor2_key as actor_key,
        actor2_id as actor_id,
        actor2_name as actor_name,
        'actor2' as actor_role
    from live_mentions
),

final as (
    select
        event_id,
        actor_key,
        actor_role,
        min(actor_id) as actor_id,
        min(actor_name) as actor_name,
        cast(count(*) as {{ dbt.type_bigint() }}) as num_mentions
    from roles
    where actor_key <> 'unknown'
    group by event_id, actor_key, actor_role
)

select * from final
