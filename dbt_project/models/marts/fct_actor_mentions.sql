{{
    config(
        materialized='incremental',
        unique_key='mention_id',
        incremental_strategy='merge',
    )
}}

{#- One row per actor mention in an article (GDELT GKG-style): who is talked about, where in
    which article, on which day, by which outlet, and the role it plays if the sentence codes
    an event. Unresolved names keep a stable 'unres_' key. -#}

with mentions as (
    {{ mentions_of_kind('actor') }}
),

final as (
    select
        mentions.mention_id,
        mentions.article_id,
        {{ actor_key('mentions.actor_id', 'coalesce(mentions.resolved_name, mentions.surface_text)') }} as actor_key,
        mentions.actor_id,
        coalesce(mentions.resolved_name, mentions.surface_text) as actor_name,
        mentions.surface_text,
        mentions.actor_type,
        mentions.country_code,
        {{ mention_context_columns('mentions') }}
    from mentions
)

select * from final
